// render() and the template checks done when relctl.toml is loaded.

#include "template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

namespace relctl::config {

namespace detail {

const std::vector<std::string> manifest_placeholders = {
    "manifest.created_at",     "manifest.git_commit",      "manifest.ingestion_run_id",
    "manifest.relctl_version", "manifest.schema_sha256",   "manifest.snapshot.bytes",
    "manifest.snapshot.path",  "manifest.snapshot.sha256", "manifest.table_count",
    "manifest.tables",         "manifest.upstream_version"};
const std::vector<std::string> data_tag_placeholders = {"date"};
const std::vector<std::string> data_branch_placeholders = {"date", "tag"};
const std::vector<std::string> data_commit_placeholders = {"date", "tag", "branch", "manifest.*"};
const std::vector<std::string> code_tag_placeholders = {"version", "date", "name"};
const std::vector<std::string> code_branch_placeholders = {"version", "date", "tag"};
const std::vector<std::string> code_commit_placeholders = {"version", "date", "tag", "branch"};
const std::vector<std::string> version_file_placeholders = {"version"};
const std::vector<std::string> command_placeholders = {"date",   "version", "tag",   "commit",
                                                       "branch", "env",     "run_id"};

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

std::vector<std::string> expand(const std::vector<std::string>& known) {
  std::vector<std::string> out;
  for (const auto& k : known) {
    if (k == "manifest.*") {
      out.insert(out.end(), manifest_placeholders.begin(), manifest_placeholders.end());
    } else {
      out.push_back(k);
    }
  }
  return out;
}

std::string braced_list(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "{" : ", {") + n + "}";
  return out;
}

}  // namespace

std::string split_template(std::string_view tmpl, std::vector<TemplatePart>& parts) {
  parts.clear();
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) parts.push_back({false, std::move(literal)});
    literal.clear();
  };
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    const char c = tmpl[i];
    if (c == '}') {
      if (i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      return fmt::format("a lone '}}' at offset {} (write }}}} for a literal brace)", i);
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    const auto close = tmpl.find('}', i + 1);
    if (close == std::string_view::npos) {
      return fmt::format("'{{' at offset {} is never closed (write {{{{ for a literal brace)", i);
    }
    const std::string_view name = tmpl.substr(i + 1, close - i - 1);
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) {
      return fmt::format(
          "'{{{}}}' at offset {} is not a placeholder: names use letters, digits, '_', '.' and "
          "'-' (write {{{{ and }}}} for literal braces)",
          name, i);
    }
    flush();
    parts.push_back({true, std::string(name)});
    i = close;
  }
  flush();
  return {};
}

std::string excerpt(std::string_view tmpl) {
  std::string out;
  for (const char c : tmpl) {
    if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
    if (out.size() >= 60) {
      out += "...";
      break;
    }
  }
  return out;
}

std::string check_template(std::string_view tmpl, const std::vector<std::string>& known) {
  std::vector<TemplatePart> parts;
  if (auto problem = split_template(tmpl, parts); !problem.empty()) return problem;
  const auto names = expand(known);
  for (const auto& p : parts) {
    if (!p.is_placeholder) continue;
    if (std::find(names.begin(), names.end(), p.text) != names.end()) continue;
    return fmt::format("unknown placeholder {{{}}}; known here: {}", p.text, braced_list(names));
  }
  return {};
}

std::vector<std::string> placeholders_in(std::string_view tmpl) {
  std::vector<TemplatePart> parts;
  split_template(tmpl, parts);
  std::vector<std::string> out;
  for (const auto& p : parts) {
    if (p.is_placeholder) out.push_back(p.text);
  }
  return out;
}

}  // namespace detail

std::string render(std::string_view tmpl, const std::map<std::string, std::string>& vars) {
  std::vector<detail::TemplatePart> parts;
  if (auto problem = detail::split_template(tmpl, parts); !problem.empty()) {
    throw ConfigError(
        fmt::format("template \"{}\": {}", detail::excerpt(tmpl), problem),
        "fix the template in relctl.toml; `man relctl` (CONFIGURATION) lists the placeholders");
  }
  std::string out;
  for (const auto& p : parts) {
    if (!p.is_placeholder) {
      out += p.text;
      continue;
    }
    const auto it = vars.find(p.text);
    if (it == vars.end()) {
      std::vector<std::string> known;
      for (const auto& [name, value] : vars) known.push_back(name);
      throw ConfigError(fmt::format("unknown placeholder {{{}}} in template \"{}\"; known: {}",
                                    p.text, detail::excerpt(tmpl), detail::braced_list(known)),
                        "use one of the known placeholders, or write {{ and }} for literal braces");
    }
    out += it->second;
  }
  return out;
}

std::string fill(std::string tmpl, std::string_view name, std::string_view value) {
  const std::string placeholder = "{" + std::string(name) + "}";
  for (size_t at = tmpl.find(placeholder); at != std::string::npos;
       at = tmpl.find(placeholder, at + value.size())) {
    tmpl.replace(at, placeholder.size(), value);
  }
  return tmpl;
}

}  // namespace relctl::config
