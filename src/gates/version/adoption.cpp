#include "gates/version/adoption.hpp"

#include <map>

#include "gates/version/pattern.hpp"
#include "relctl/config/loader.hpp"

namespace relctl::gates {

namespace {

// Tags "<prefix><sep><version>" grouped by prefix: the most common one
// names the project in "{name}@{version}" or "{name}-v{version}".
std::optional<std::string> common_prefix(const std::vector<std::string>& tags,
                                         const std::string& sep) {
  std::map<std::string, size_t> counts;
  for (const auto& t : tags) {
    const size_t at = t.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    if (version::SemVer::parse(t.substr(at + sep.size()))) ++counts[t.substr(0, at)];
  }
  std::optional<std::string> best;
  for (const auto& [prefix, n] : counts) {
    if (!best || n > counts[*best]) best = prefix;
  }
  return best;
}

}  // namespace

std::optional<TagTemplateGuess> guess_tag_template(const std::vector<std::string>& tags,
                                                   const std::string& project_name) {
  // In order of preference when two templates match as many tags.
  std::vector<std::string> candidates = {"v{version}", "{version}", "code-v{version}"};
  for (const char* sep : {"@", "-v"}) {
    if (const auto prefix = common_prefix(tags, sep)) {
      candidates.push_back(*prefix == project_name ? "{name}" + std::string(sep) + "{version}"
                                                   : *prefix + sep + "{version}");
    }
  }
  std::optional<TagTemplateGuess> best;
  for (const auto& tmpl : candidates) {
    const version::TagTemplate matcher(config::fill(tmpl, "name", project_name));
    TagTemplateGuess g{tmpl, 0, ""};
    std::optional<version::SemVer> newest;
    for (const auto& t : tags) {
      const auto v = matcher.version_of(t);
      if (!v) continue;
      ++g.matches;
      if (!newest || *v > *newest) {
        newest = v;
        g.newest = t;
      }
    }
    if (g.matches > 0 && (!best || g.matches > best->matches)) best = g;
  }
  return best;
}

}  // namespace relctl::gates
