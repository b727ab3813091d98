# cmake -DSOURCE_DIR=... -DOUTPUT=.../build_info.cpp -P cmake/BuildInfo.cmake
# Run at every build: writes the commit relctl is built from and the build
# date into OUTPUT, touching it only when they changed (so nothing rebuilds).
#   commit  $RELCTL_COMMIT when set (a build from a source archive), else
#           `git rev-parse --short=12 HEAD` of SOURCE_DIR, else "unknown"
#   date    today in UTC; SOURCE_DATE_EPOCH's date when set (reproducible builds)
set(commit "$ENV{RELCTL_COMMIT}")
if(commit STREQUAL "")
  execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE commit RESULT_VARIABLE status
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT status EQUAL 0 OR commit STREQUAL "")
    set(commit "unknown")
  endif()
endif()
if(NOT commit MATCHES "^([0-9a-f]+|unknown)$")
  message(FATAL_ERROR "RELCTL_COMMIT must be a commit id in hex, got '${commit}'")
endif()
string(TIMESTAMP date "%Y-%m-%d" UTC)

file(WRITE "${OUTPUT}.tmp" "// Generated at build time by cmake/BuildInfo.cmake.
#include \"relctl/version.hpp\"

namespace relctl {
std::string_view build_commit() noexcept { return \"${commit}\"; }
std::string_view build_date() noexcept { return \"${date}\"; }
}  // namespace relctl
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
