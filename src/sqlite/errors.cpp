#include "sqlite/errors.hpp"

#include <sqlite3.h>

#include <string>

#include "relctl/core/error.hpp"

namespace relctl::sqlite::detail {

void raise(int code, std::string_view sqlite_message, const std::filesystem::path& path,
           std::string_view doing) {
  const std::string file = path.string();
  const std::string said(sqlite_message);
  const std::string where = " (while " + std::string(doing) + ")";
  switch (code & 0xff) {
    case SQLITE_INTERRUPT:
      throw Interrupted();
    case SQLITE_CORRUPT:
      throw GateError("snapshot " + file + " is corrupt: " + said + where,
                      "rebuild the snapshot or copy it again; `sqlite3 " + file +
                          " 'PRAGMA integrity_check'` lists the damage");
    case SQLITE_NOTADB:
      throw GateError(file + " is not a SQLite database: " + said,
                      "check that data_release.snapshot names the .sqlite file, then rebuild it");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw GateError(
          "snapshot " + file + " is locked by another process that is writing it" + where,
          "wait for the writer to finish (`fuser " + file +
              "` shows who has it open), then run again");
    case SQLITE_FULL:
      throw GateError("the disk is full: cannot write " + file + where,
                      "free space on the disk that holds it, then run again");
    case SQLITE_IOERR:
      if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
          code == SQLITE_IOERR_TRUNCATE) {
        throw GateError("cannot write " + file + ": " + said + where,
                        "check the disk that holds it (full? read-only? a size limit?), then run "
                        "again");
      }
      throw GateError("cannot read snapshot " + file + ": " + said + where,
                      "the file may be truncated or its disk failing: copy or rebuild it");
    case SQLITE_CANTOPEN:
      throw GateError("cannot open snapshot " + file + ": " + said,
                      "check that the file and its folder exist and are readable");
    case SQLITE_READONLY:
      if (code == SQLITE_READONLY_ROLLBACK) {
        throw GateError("snapshot " + file + " has a leftover rollback journal (" + file +
                            "-journal): a write to it was interrupted",
                        "open it once with sqlite3 to roll the interrupted write back, or "
                        "rebuild the snapshot");
      }
      throw GateError("refused to change snapshot " + file + where,
                      "relctl opens snapshots read-only: checks must only read (use SELECT)");
    case SQLITE_NOMEM:
      throw GateError("out of memory" + where + " on " + file,
                      "free some memory or use a machine with more");
    default:
      throw GateError("SQLite error" + where + " on " + file + ": " + said,
                      "check the SQL and the snapshot; `relctl -v` shows details");
  }
}

}  // namespace relctl::sqlite::detail
