// data.export: builds the snapshot from Postgres tables ([data_release.export])
// through a temp file next to it, renamed into place only once it is
// complete and sound; undo puts back what was there before. The connection
// is the one pg.connect and pg.env-guard just checked, so a prod release
// never exports the dev database.

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>

#include "gates/data/data_run.hpp"
#include "gates/data/export_plan.hpp"
#include "gates/data/json_text.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/journal.hpp"
#include "relctl/core/text.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/export_source.hpp"
#include "relctl/sqlite/writer.hpp"

namespace relctl::gates {

namespace {

namespace fs = std::filesystem;
using data::Bind;

// The temp file and the backup of the previous snapshot sit next to the
// snapshot (same file system: the rename is atomic) and carry its name.
std::string temp_prefix(const fs::path& snapshot) {
  return "." + snapshot.filename().string() + ".relctl-";
}

// Removes what a killed run left behind: temp files and backups.
void remove_leftovers(const fs::path& snapshot) {
  std::error_code ec;
  const fs::path dir = snapshot.parent_path().empty() ? fs::path(".") : snapshot.parent_path();
  if (!fs::is_directory(dir, ec)) return;
  const std::string prefix = temp_prefix(snapshot);
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

std::string with_commas(std::int64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > (n < 0 ? 1 : 0); i -= 3) {
    s.insert(static_cast<std::size_t>(i), ",");
  }
  return s;
}

// What the export reads: the schema's selected tables, described and
// mapped, in creation order. Throws before anything is written.
struct SourcePlan {
  pg::SourceFacts facts;
  std::vector<data::TablePlan> tables;
};

SourcePlan plan_source(pg::ExportSource& source, const config::Export& settings) {
  SourcePlan plan;
  plan.facts = source.facts();
  if (!source.schema_exists(settings.schema)) {
    throw GateError(
        "schema " + settings.schema + " does not exist in database " + plan.facts.database,
        "fix data_release.export.schema in relctl.toml");
  }
  const auto names = data::select_tables(source.tables(settings.schema), settings);
  std::vector<pg::SourceTable> described;
  for (const auto& name : names) {
    if (!source.can_select(settings.schema, name)) {
      throw GateError("user " + plan.facts.user + " may not read " + settings.schema + "." + name +
                          " (no SELECT permission)",
                      "GRANT SELECT ON " + settings.schema + "." + name + " TO " + plan.facts.user +
                          ", or exclude the table");
    }
    described.push_back(source.describe(settings.schema, name));
  }
  const std::set<std::string> exported(names.begin(), names.end());
  for (const auto& t : data::foreign_key_order(std::move(described))) {
    plan.tables.push_back(data::plan_table(t, settings.schema, exported, settings));
  }
  return plan;
}

class DataExport final : public DataGate {
 public:
  explicit DataExport(std::shared_ptr<DataRun> run) : DataGate("data.export", std::move(run)) {}

  ~DataExport() override {
    // The run is over (passed, or --keep-partial): the backup is not needed.
    std::error_code ec;
    if (!backup_.empty()) fs::remove(backup_, ec);
  }

  std::string plan(core::Context& ctx) override {
    DataRun& d = data(ctx);
    const config::Export& settings = export_settings(d);
    auto source = open_source(ctx, settings);
    const SourcePlan plan = plan_source(*source, settings);
    std::int64_t rows = 0;
    for (const auto& t : plan.tables) rows += source->count_rows(settings.schema, t.name);
    return fmt::format("would export {} {} ({} {}) of {}.{} into {} (temp file, then rename)",
                       plan.tables.size(),
                       core::plural(static_cast<std::int64_t>(plan.tables.size()), "table"),
                       with_commas(rows), core::plural(rows, "row"), plan.facts.database,
                       settings.schema, d.in_worktree(ctx, d.config().snapshot));
  }

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    const config::Export& settings = export_settings(d);
    const fs::path target = d.snapshot_file();
    remove_leftovers(target);

    auto source = open_source(ctx, settings);
    const SourcePlan plan = plan_source(*source, settings);

    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    const fs::path temp = target.parent_path() / (temp_prefix(target) + ctx.run_id + ".tmp");
    core::journal_temporary(temp);
    std::int64_t rows = 0;
    nlohmann::json per_table = nlohmann::json::object();
    const auto t0 = std::chrono::steady_clock::now();
    try {
      auto writer = sqlite::Writer::create(temp);
      for (const auto& t : plan.tables) writer->exec(t.create_sql);
      for (const auto& t : plan.tables) {
        const std::int64_t n = copy_table(*source, *writer, t, settings.schema, d);
        per_table[t.name] = n;
        rows += n;
      }
      source->close();
      writer->finish();
    } catch (...) {
      if (d.progress()) d.progress()->clear();
      fs::remove(temp, ec);
      throw;
    }
    if (d.progress()) d.progress()->clear();
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);  // peak RSS so far: the gates before and the export

    // Keep the previous snapshot (a hard link costs nothing) for undo, then
    // replace it in one atomic rename.
    had_previous_ = fs::exists(target, ec);
    if (had_previous_) {
      backup_ = target.parent_path() / (temp_prefix(target) + ctx.run_id + ".previous");
      core::journal_kept(backup_, target);
      fs::create_hard_link(target, backup_, ec);
      if (ec) {
        ec.clear();
        fs::copy_file(target, backup_, fs::copy_options::overwrite_existing, ec);
      }
      if (ec) {
        fs::remove(temp, ec);
        throw GateError(
            "cannot keep a copy of the previous snapshot " + target.string() + ": " + ec.message(),
            "check the folder's permissions and free space, then run again");
      }
    }
    if (!had_previous_) core::journal_file(target);  // a new file: recovery removes it
    fs::rename(temp, target, ec);
    if (ec) {
      const std::string why = ec.message();
      fs::remove(temp, ec);
      throw GateError(
          "cannot move the exported snapshot into place at " + target.string() + ": " + why,
          "check the folder's permissions, then run again");
    }
    done_ = true;
    d.exported = data::ExportFacts{plan.facts.server_version, plan.facts.database, settings.schema,
                                   plan.tables.size(), rows};
    nlohmann::json details = {{"database", plan.facts.database},
                              {"schema", settings.schema},
                              {"server_version", plan.facts.server_version},
                              {"rows", per_table},
                              {"total_rows", rows},
                              {"seconds", seconds},
                              {"peak_rss_kib", usage.ru_maxrss},
                              {"file", target.string()}};
    return core::Outcome::pass(
        fmt::format("exported {} {}, {} {} from {}.{} (PostgreSQL {}) into {}", plan.tables.size(),
                    core::plural(static_cast<std::int64_t>(plan.tables.size()), "table"),
                    with_commas(rows), core::plural(rows, "row"), plan.facts.database,
                    settings.schema, plan.facts.server_version,
                    d.in_worktree(ctx, d.config().snapshot)),
        data::compact_json(details));
  }

  void undo(core::Context& /*ctx*/) override {
    if (!done_) return;
    const fs::path target = run_->snapshot_file();
    std::error_code ec;
    if (had_previous_) {
      fs::rename(backup_, target, ec);
      if (ec) {
        throw GateError("cannot put the previous snapshot back: " + ec.message(),
                        "it is kept at " + backup_.string() + "; move it to " + target.string());
      }
      backup_.clear();
    } else {
      fs::remove(target, ec);
    }
    done_ = false;
  }

 private:
  static const config::Export& export_settings(DataRun& d) {
    if (!d.config().export_) {
      throw ConfigError("no [data_release.export] section in relctl.toml",
                        "add it with database = \"NAME\" and schema = \"SCHEMA\" "
                        "(`man relctl`, CONFIGURATION)");
    }
    return *d.config().export_;
  }

  static std::unique_ptr<pg::ExportSource> open_source(core::Context& ctx,
                                                       const config::Export& settings) {
    if (!ctx.pg) {
      throw Error(ExitCode::gate_failed, "internal error: no Postgres connections in this run",
                  "this is a bug in relctl; please report it with the command you ran");
    }
    return pg::ExportSource::open(ctx.pg->connect_options(settings.database), ctx.redactor);
  }

  // Streams one table into the writer; returns its row count.
  std::int64_t copy_table(pg::ExportSource& source, sqlite::Writer& writer,
                          const data::TablePlan& t, const std::string& schema, DataRun& d) {
    writer.prepare_insert(t.insert_sql);
    const std::string what = "table " + schema + "." + t.name;
    std::vector<std::string> blobs(t.columns.size());
    std::int64_t n = 0;
    const auto started = std::chrono::steady_clock::now();
    auto shown = started;
    source.copy(t.select_sql, what, [&](const pg::CopyRow& row) {
      if (row.size() != t.columns.size()) {
        throw GateError(fmt::format("{} sent {} values in a row of {} columns", what, row.size(),
                                    t.columns.size()));
      }
      for (std::size_t i = 0; i < row.size(); ++i) bind(writer, t, i, row[i], blobs[i], what);
      writer.insert_row();
      ++n;
      if (d.progress() && (n & 0x3fff) == 0) {
        const auto now = std::chrono::steady_clock::now();
        if (now - shown > std::chrono::milliseconds(200)) {
          shown = now;
          const double s = std::chrono::duration<double>(now - started).count();
          d.progress()->show(fmt::format("data.export  {}: {} rows ({:.0f} rows/s)", t.name,
                                         with_commas(n), s > 0 ? static_cast<double>(n) / s : 0.0));
        }
      }
    });
    return n;
  }

  static void bind(sqlite::Writer& w, const data::TablePlan& t, std::size_t i,
                   const std::optional<std::string_view>& value, std::string& blob,
                   const std::string& what) {
    const int index = static_cast<int>(i) + 1;
    if (!value) return w.bind_null(index);
    const std::string_view v = *value;
    const data::ColumnPlan& c = t.columns[i];
    switch (c.bind) {
      case Bind::integer: {
        std::int64_t x = 0;
        const auto [end, err] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (err != std::errc() || end != v.data() + v.size()) bad_value(what, c, v);
        return w.bind_integer(index, x);
      }
      case Bind::real: {
        double x = 0;
        const auto [end, err] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (err != std::errc() || end != v.data() + v.size()) bad_value(what, c, v);
        return w.bind_real(index, x);
      }
      case Bind::text:
        return w.bind_text(index, v);
      case Bind::blob_raw:
        return w.bind_blob(index, v);
      case Bind::blob_hex: {
        blob.resize(v.size() / 2);
        for (std::size_t k = 0; k + 1 < v.size(); k += 2) {
          blob[k / 2] = static_cast<char>(hex_digit(v[k]) * 16 + hex_digit(v[k + 1]));
        }
        return w.bind_blob(index, blob);
      }
    }
  }

  [[noreturn]] static void bad_value(const std::string& what, const data::ColumnPlan& c,
                                     std::string_view v) {
    const std::string shown = v.size() > 40 ? std::string(v.substr(0, 40)) + "..." : std::string(v);
    throw GateError(
        what + " column " + c.name + ": '" + shown + "' is not a valid " + c.sqlite_type + " value",
        "map the column's type to TEXT in data_release.export.type_map");
  }

  bool done_ = false;
  bool had_previous_ = false;
  fs::path backup_;
};

}  // namespace

std::unique_ptr<core::Gate> make_data_export(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataExport>(std::move(run));
}

}  // namespace relctl::gates
