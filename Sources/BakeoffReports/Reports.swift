import BakeoffModel
import BakeoffScoring
import CCmarkGFM
import Mustache

/// Renders scorecards into the site, posts, slides and SVGs.
public enum BakeoffReportsModule {}
