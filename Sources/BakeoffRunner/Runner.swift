import BakeoffModel

/// The runner executes scenarios against real tools and reports each observation as it is measured.
public enum BakeoffRunnerModule {}
