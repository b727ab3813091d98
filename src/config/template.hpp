#pragma once
// Template syntax shared by render() and the load-time checks: `{name}` is a
// placeholder (letters, digits, '_', '.', '-'), `{{` and `}}` are literal braces.

#include <string>
#include <string_view>
#include <vector>

namespace relctl::config::detail {

/// One piece of a template: literal text, or a placeholder name.
struct TemplatePart {
  bool is_placeholder = false;
  std::string text;  // the literal text (braces unescaped) or the placeholder name
};

/// Splits `tmpl` into parts. Returns "" on success, else what is wrong
/// ("'{' at offset 4 is never closed").
std::string split_template(std::string_view tmpl, std::vector<TemplatePart>& parts);

/// `tmpl` shortened to one readable line for error messages.
std::string excerpt(std::string_view tmpl);

/// Placeholder names each configurable template may use (docs/config.md
/// lists the same). `manifest.*` stands for every manifest placeholder.
extern const std::vector<std::string> data_tag_placeholders;
extern const std::vector<std::string> data_branch_placeholders;
extern const std::vector<std::string> data_commit_placeholders;
extern const std::vector<std::string> code_tag_placeholders;
extern const std::vector<std::string> code_branch_placeholders;
extern const std::vector<std::string> code_commit_placeholders;
extern const std::vector<std::string> version_file_placeholders;
extern const std::vector<std::string> command_placeholders;
extern const std::vector<std::string> manifest_placeholders;

/// "" when every placeholder of `tmpl` is in `known` (after expanding
/// `manifest.*`), else the problem, naming the placeholder and the known ones.
std::string check_template(std::string_view tmpl, const std::vector<std::string>& known);

/// Every placeholder name `tmpl` uses (syntax assumed valid).
std::vector<std::string> placeholders_in(std::string_view tmpl);

}  // namespace relctl::config::detail
