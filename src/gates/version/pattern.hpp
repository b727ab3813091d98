#pragma once
// Where versions sit in text: `{version}` patterns of version files
// (`version = "{version}"`) and tag templates (`code-v{version}`). Pure logic.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gates/version/semver.hpp"

namespace relctl::gates::version {

/// One place where a version pattern matched.
struct PatternMatch {
  size_t begin = 0;  // the version's offset in the text
  size_t size = 0;   // the version's length
  std::string version;
};

/// Every match of `pattern` (which contains "{version}" once) in `text`;
/// the rest of the pattern is literal text.
std::vector<PatternMatch> find_versions(std::string_view text, std::string_view pattern);

/// `text` with the version of `match` replaced by `version`.
std::string replace_version(std::string_view text, const PatternMatch& match,
                            std::string_view version);

/// A tag template such as "code-v{version}" ({date} and other placeholders
/// match anything).
class TagTemplate {
 public:
  explicit TagTemplate(std::string tmpl);
  /// A glob for listing candidate tags: "code-v*".
  std::string glob() const;
  /// The version in `tag`, or nullopt when it is not a release tag of this template.
  std::optional<SemVer> version_of(const std::string& tag) const;

 private:
  std::string tmpl_;
};

}  // namespace relctl::gates::version
