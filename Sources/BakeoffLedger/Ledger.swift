import BakeoffModel
import GRDB

/// The evidence ledger: SQLite through GRDB.
public enum BakeoffLedgerModule {}
