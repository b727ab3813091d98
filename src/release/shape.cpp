#include "relctl/release/shape.hpp"

#include "relctl/core/error.hpp"

namespace relctl::release {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::code:
      return "code";
    case Kind::data:
      return "data";
    case Kind::joint:
      return "joint";
  }
  return "code";
}

ReleaseShape code_release_shape(const config::Config& cfg, const CodeFlags& flags) {
  const config::CodeRelease settings = cfg.code_release.value_or(config::CodeRelease{});
  if (flags.finalize && settings.mode != Mode::pr) {
    throw UsageError("--finalize is for code_release.mode = \"pr\"",
                     "in direct mode a code release is tagged at once");
  }
  if (flags.no_data && settings.require_data_release) {
    throw UsageError("--no-data is refused: code_release.require_data_release = true",
                     "every code release of this project carries a data release; drop --no-data");
  }
  if (!cfg.packages.empty() && (settings.mode == Mode::pr || flags.hotfix || flags.finalize)) {
    throw UsageError(
        "a release of [[packages]] is made in direct mode, without --hotfix or --finalize",
        "set code_release.mode = \"direct\"; releasing packages through review or as hotfixes "
        "is not built yet");
  }
  ReleaseShape shape;
  shape.kind = cfg.data_release && !flags.no_data ? Kind::joint : Kind::code;
  shape.mode = settings.mode;
  shape.finalize = flags.finalize;
  shape.hotfix = flags.hotfix;
  shape.push = !flags.no_push;
  return shape;
}

ReleaseShape data_release_shape(const config::Config& cfg, const DataFlags& flags) {
  if (!cfg.data_release) {
    throw ConfigError("no [data_release] section in " + cfg.file.string(),
                      "add [data_release] with snapshot = \"path/to/data.sqlite\" "
                      "(`man relctl`, CONFIGURATION)");
  }
  if (flags.finalize && cfg.data_release->mode != Mode::pr) {
    throw UsageError("--finalize is for data_release.mode = \"pr\"",
                     "in direct mode a data release is tagged at once");
  }
  ReleaseShape shape;
  shape.kind = Kind::data;
  shape.mode = cfg.data_release->mode;
  shape.finalize = flags.finalize;
  shape.push = !flags.no_push;
  return shape;
}

}  // namespace relctl::release
