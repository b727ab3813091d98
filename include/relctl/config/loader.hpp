#pragma once
// Finding, reading and validating relctl.toml. Every problem is a
// relctl::ConfigError (exit 2) naming file:line:column and what to do.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "relctl/config/config.hpp"

namespace relctl::config {

/// The largest relctl.toml and .env relctl reads (each must be a regular file).
constexpr std::uintmax_t max_config_bytes = 1024 * 1024;

/// The nearest relctl.toml at or above `start`, or nullopt.
std::optional<std::filesystem::path> discover(const std::filesystem::path& start);

/// Parses and validates `file`; loads the `.env` next to it first (without
/// overriding variables already set). Throws ConfigError.
Config load(const std::filesystem::path& file);

/// Parses TOML text as if read from `file_name` (no .env loading). Throws ConfigError.
Config parse(std::string_view text, const std::string& file_name);

/// "30s", "10m", "1h", "1h30m", "500ms", "2d" -> milliseconds. Throws ConfigError.
Duration parse_duration(std::string_view text);

/// The shortest spelling of `d` that parse_duration reads back: "1h30m", "500ms", "0s".
std::string format_duration(Duration d);

/// The KEY=VALUE lines of .env text (`export`, quotes, comments, CRLF, a
/// BOM); a later line wins. Throws ConfigError "<file_name>:line:col: ...".
std::map<std::string, std::string> parse_dotenv(std::string_view text,
                                                const std::string& file_name);

/// Reads KEY=VALUE lines of a .env file into the environment; variables that
/// are already set win. A missing file is not an error.
void load_dotenv(const std::filesystem::path& file);

/// Replaces {name} placeholders from `vars`; `{{` and `}}` are literal braces.
/// An unknown placeholder throws ConfigError naming it.
std::string render(std::string_view tmpl, const std::map<std::string, std::string>& vars);

/// `tmpl` with the placeholder `{name}` replaced by `value` wherever it
/// appears; every other placeholder stays as written.
std::string fill(std::string tmpl, std::string_view name, std::string_view value);

}  // namespace relctl::config
