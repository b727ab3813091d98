// Finding and reading other migration tools' history tables, each into one
// shape (ForeignState) that baseline.cpp maps to the migration files.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "pg/baseline_internal.hpp"
#include "relctl/pg/connection.hpp"

namespace relctl::pg {

namespace {

std::string text(const Row& r, std::size_t i) {
  return i < r.size() ? r[i].value_or("") : "";
}

// "schema.table" as a quoted SQL name (find_foreign_histories joins the two with a dot).
std::string quoted(const std::string& table) {
  const auto dot = table.find('.');
  return quote_ident(table.substr(0, dot)) + "." + quote_ident(table.substr(dot + 1));
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

ForeignState read_flyway(Connection& conn, const std::string& table, ForeignState s) {
  s.key = ForeignKey::version;
  std::map<std::string, ForeignEntry> applied;  // by version, in the order Flyway ran them
  std::vector<std::string> order;
  for (const Row& r :
       conn.query("SELECT installed_rank::text, version, type, script, checksum::text, "
                  "success::text FROM " +
                  quoted(table) + " ORDER BY installed_rank")) {
    const std::string rank = text(r, 0), version = text(r, 1), type = text(r, 2),
                      script = text(r, 3), checksum = text(r, 4);
    if (text(r, 5) != "true") {
      s.problems.push_back(fmt::format("Flyway's row {} ({}) failed", rank, script));
      continue;
    }
    if (type == "BASELINE" || type == "SQL_BASELINE") {
      s.up_to = version;
      s.up_to_label = "Flyway baseline at version " + version;
    } else if (!r[1]) {
      s.notes.push_back("repeatable migration " + script +
                        " left aside: relctl has no repeatable migrations");
    } else if (type.rfind("UNDO", 0) == 0 || type == "DELETE") {
      applied.erase(version);
    } else {
      ForeignEntry e{version, "Flyway version " + version + " (" + script + ")", {}, {}, 0};
      if (!checksum.empty() && type == "SQL") e.flyway_crc32 = std::stoi(checksum);
      if (!applied.count(version)) order.push_back(version);
      applied[version] = e;
    }
  }
  for (const auto& v : order) {
    if (applied.count(v)) s.applied.push_back(applied[v]);
  }
  return s;
}

ForeignState read_liquibase(Connection& conn, const std::string& table, ForeignState s) {
  s.key = ForeignKey::script;
  std::map<std::string, int> ran;
  std::vector<std::string> order;
  for (const Row& r : conn.query("SELECT id, author, filename, exectype FROM " + quoted(table) +
                                 " ORDER BY orderexecuted, dateexecuted")) {
    const std::string file = base_name(text(r, 2)), type = text(r, 3);
    if (type == "FAILED") {
      s.problems.push_back("Liquibase's changeset " + text(r, 1) + ":" + text(r, 0) + " (" +
                           text(r, 2) + ") failed");
    } else if (type == "EXECUTED" || type == "RERAN" || type == "MARK_RAN") {
      if (!ran.count(file)) order.push_back(file);
      ++ran[file];
    }
  }
  for (const auto& f : order) {
    s.applied.push_back({f, "Liquibase changelog " + f, {}, {}, ran[f]});
  }
  return s;
}

ForeignState read_golang_migrate(Connection& conn, const std::string& table, ForeignState s) {
  s.key = ForeignKey::version;
  for (const Row& r : conn.query("SELECT version::text, dirty::text FROM " + quoted(table))) {
    if (text(r, 1) == "true") {
      s.problems.push_back("golang-migrate marks version " + text(r, 0) +
                           " dirty (it failed partway; fix the database, then `migrate force`)");
    }
    s.up_to = text(r, 0);
    s.up_to_label = "golang-migrate at version " + text(r, 0);
  }
  return s;
}

ForeignState read_goose(Connection& conn, const std::string& table, ForeignState s) {
  s.key = ForeignKey::version;
  std::map<std::string, bool> state;
  std::vector<std::string> order;
  for (const Row& r : conn.query("SELECT version_id::text, is_applied::text FROM " + quoted(table) +
                                 " ORDER BY id")) {
    if (text(r, 0) == "0") continue;  // goose's own first row
    if (!state.count(text(r, 0))) order.push_back(text(r, 0));
    state[text(r, 0)] = text(r, 1) == "true";
  }
  for (const auto& v : order) {
    if (state[v]) s.applied.push_back({v, "goose version " + v, {}, {}, 0});
  }
  return s;
}

ForeignState read_versions(Connection& conn, const std::string& table, const std::string& tool,
                           ForeignState s) {
  s.key = ForeignKey::version;
  for (const Row& r : conn.query("SELECT version::text FROM " + quoted(table) + " ORDER BY 1")) {
    s.applied.push_back({text(r, 0), tool + " version " + text(r, 0), {}, {}, 0});
  }
  return s;
}

ForeignState read_sqitch(Connection& conn, const std::string& table, ForeignState s) {
  s.key = ForeignKey::change_name;
  std::vector<std::string> projects;
  for (const Row& r :
       conn.query("SELECT change, project FROM " + quoted(table) + " ORDER BY committed_at")) {
    s.applied.push_back({text(r, 0), "sqitch change " + text(r, 0), {}, {}, 0});
    if (std::find(projects.begin(), projects.end(), text(r, 1)) == projects.end()) {
      projects.push_back(text(r, 1));
    }
  }
  if (projects.size() > 1) {
    s.notes.push_back(fmt::format("sqitch changes of {} projects ({}) are mapped together",
                                  projects.size(), fmt::join(projects, ", ")));
  }
  return s;
}

ForeignState read_prisma(Connection& conn, const std::string& table, ForeignState s) {
  s.key = ForeignKey::stem;
  for (const Row& r :
       conn.query("SELECT migration_name, checksum, (finished_at IS NOT NULL)::text, "
                  "(rolled_back_at IS NOT NULL)::text FROM " +
                  quoted(table) + " ORDER BY started_at")) {
    const std::string name = text(r, 0);
    if (text(r, 3) == "true") {
      s.notes.push_back("Prisma migration " + name + " was rolled back: left aside");
    } else if (text(r, 2) != "true") {
      s.problems.push_back("Prisma migration " + name + " failed (it never finished)");
    } else {
      s.applied.push_back({name, "Prisma migration " + name, {}, text(r, 1), 0});
    }
  }
  return s;
}

}  // namespace

const std::vector<std::string>& baseline_tools() {
  static const std::vector<std::string> tools = {
      "flyway", "liquibase", "golang-migrate", "goose", "dbmate", "sqitch", "prisma", "supabase"};
  return tools;
}

std::vector<ForeignHistory> find_foreign_histories(Connection& conn) {
  std::vector<ForeignHistory> found;
  for (const Row& r : conn.query(
           "SELECT n.nspname, c.relname, "
           "  EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid "
           "          AND a.attname = 'dirty' AND NOT a.attisdropped)::text, "
           "  EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid "
           "          AND a.attname = 'installed_rank' AND NOT a.attisdropped)::text "
           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE c.relkind IN ('r', 'p') AND c.relname IN ('flyway_schema_history', "
           "  'schema_version', 'databasechangelog', 'schema_migrations', 'goose_db_version', "
           "  'changes', '_prisma_migrations') "
           "ORDER BY n.nspname, c.relname")) {
    const std::string schema = text(r, 0), name = text(r, 1);
    std::string tool;
    if (name == "flyway_schema_history" || (name == "schema_version" && text(r, 3) == "true")) {
      tool = "flyway";
    } else if (name == "databasechangelog") {
      tool = "liquibase";
    } else if (name == "schema_migrations") {
      tool = schema == "supabase_migrations" ? "supabase"
             : text(r, 2) == "true"          ? "golang-migrate"
                                             : "dbmate";
    } else if (name == "goose_db_version") {
      tool = "goose";
    } else if (name == "changes" && schema == "sqitch") {
      tool = "sqitch";
    } else if (name == "_prisma_migrations") {
      tool = "prisma";
    }
    if (!tool.empty()) found.push_back({tool, schema + "." + name});
  }
  const auto& order = baseline_tools();
  std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    return std::find(order.begin(), order.end(), a.tool) <
           std::find(order.begin(), order.end(), b.tool);
  });
  return found;
}

ForeignState read_foreign_history(Connection& conn, const ForeignHistory& h) {
  static const std::map<std::string, std::string> names = {
      {"flyway", "Flyway"}, {"liquibase", "Liquibase"}, {"golang-migrate", "golang-migrate"},
      {"goose", "goose"},   {"dbmate", "dbmate"},       {"sqitch", "sqitch"},
      {"prisma", "Prisma"}, {"supabase", "Supabase"}};
  ForeignState s;
  s.source = names.at(h.tool) + "'s " + h.table;
  if (h.tool == "flyway") return read_flyway(conn, h.table, std::move(s));
  if (h.tool == "liquibase") return read_liquibase(conn, h.table, std::move(s));
  if (h.tool == "golang-migrate") return read_golang_migrate(conn, h.table, std::move(s));
  if (h.tool == "goose") return read_goose(conn, h.table, std::move(s));
  if (h.tool == "sqitch") return read_sqitch(conn, h.table, std::move(s));
  if (h.tool == "prisma") return read_prisma(conn, h.table, std::move(s));
  return read_versions(conn, h.table, names.at(h.tool), std::move(s));
}

}  // namespace relctl::pg
