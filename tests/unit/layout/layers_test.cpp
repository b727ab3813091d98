// The house rules ARCHITECTURE.md draws, checked on the sources: includes
// point down the layers only, the words of `mode` are read in config parsing
// only, and a gate's description lives in the gate registry only.

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "support/support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path root(RELCTL_SOURCE_DIR);

// The layer of a source file ("core", "gates", ...), from src/<layer>/ or
// include/relctl/<layer>/; "" for other files.
std::string layer_of(const fs::path& file) {
  const std::string rel = file.lexically_relative(root).generic_string();
  for (const std::string prefix : {"src/", "include/relctl/"}) {
    if (rel.rfind(prefix, 0) != 0) continue;
    const std::string rest = rel.substr(prefix.size());
    const auto slash = rest.find('/');
    return slash == std::string::npos ? "" : rest.substr(0, slash);
  }
  return "";
}

// Every source file under src/ and include/, with its text.
std::map<fs::path, std::string> sources() {
  std::map<fs::path, std::string> out;
  for (const char* dir : {"src", "include"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp")) {
        out[entry.path()] = relctl::test::read_file(entry.path());
      }
    }
  }
  return out;
}

// The layers a file's #include lines reach ("relctl/gates/x.hpp" and the
// private "gates/x.hpp" both reach gates; relctl/version.hpp reaches none).
std::set<std::string> included_layers(const std::string& text) {
  static const std::regex include(R"re(#include "(?:relctl/([a-z_]+)/|([a-z_]+)/))re");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
    const std::string layer = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    if (layer != "relctl") out.insert(layer);
  }
  return out;
}

}  // namespace

TEST_CASE("layers: includes point down only, adapters never include each other", "[layout]") {
  // What each layer may include besides itself (ARCHITECTURE.md).
  const std::map<std::string, std::set<std::string>> allowed = {
      {"core", {}},
      {"config", {"core"}},
      {"git", {"core", "config"}},
      {"pg", {"core", "config"}},
      {"sqlite", {"core", "config"}},
      {"process", {"core", "config"}},
      {"forge", {"core", "config"}},
      {"release", {"core", "config", "git", "pg", "sqlite", "process", "forge"}},
      {"gates", {"core", "config", "git", "pg", "sqlite", "process", "forge", "release"}},
      {"pipelines",
       {"core", "config", "git", "pg", "sqlite", "process", "forge", "release", "gates"}},
      {"report", {"core"}},
  };
  for (const auto& [file, text] : sources()) {
    const std::string layer = layer_of(file);
    const auto rule = allowed.find(layer);
    if (rule == allowed.end()) continue;  // cli and main.cpp may include anything
    for (const auto& reached : included_layers(text)) {
      if (reached == layer) continue;
      INFO(file.lexically_relative(root).generic_string() << " includes " << reached);
      CHECK(rule->second.count(reached) == 1);
    }
  }
}

TEST_CASE("layers: only config parsing reads the words of mode", "[layout]") {
  static const std::regex compare(R"re((==|!=)\s*"(pr|direct)")re");
  for (const auto& [file, text] : sources()) {
    if (layer_of(file) == "config") continue;
    INFO(file.lexically_relative(root).generic_string());
    CHECK_FALSE(std::regex_search(text, compare));
  }
}

TEST_CASE("layers: a gate's description is written in the registry only", "[layout]") {
  for (const auto& [file, text] : sources()) {
    if (text.find("description() const override") == std::string::npos) continue;
    const std::string rel = file.lexically_relative(root).generic_string();
    INFO(rel);
    // RegisteredGate reads the registry; the snapshot command forwards its command's.
    CHECK((rel == "src/gates/registered.hpp" || rel == "src/gates/data/snapshot_command.cpp"));
  }
}
