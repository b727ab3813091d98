// relctl's entry point: parse, run, and turn any relctl::Error into its exit
// code and a one- or two-line message (and, under --json, the error
// document on stdout). Nothing else is caught anywhere else.

#include <malloc.h>

#include <cstdio>
#include <exception>
#include <string>

#include "cli/app.hpp"
#include "cli/ci.hpp"
#include "relctl/core/error.hpp"
#include "relctl/report/envelope.hpp"
#include "relctl/report/output.hpp"

namespace {

int fail(bool json, relctl::ExitCode code, const std::string& message, const std::string& hint,
         bool config_error = false) {
  relctl::cli::report_error_to_ci(relctl::cli::current_command(), message, hint, config_error);
  std::string text = "relctl: error: " + message + "\n";
  if (!hint.empty()) text += "relctl: hint: " + hint + "\n";
  relctl::report::print_text(stderr, text);
  if (json && !relctl::report::document_printed()) {
    relctl::report::print_document(relctl::report::error_document(
        relctl::cli::current_command(), static_cast<int>(code), message, hint));
  }
  return static_cast<int>(code);
}

// glibc's allocator gives freed memory back to the system as soon as the
// top of the heap is free, and merges small free blocks before each large
// allocation. A release reads whole histories (100,000 commits: hundreds of
// thousands of small objects, a few large texts) and lets them go at the
// end: keeping freed memory for reuse and leaving small blocks unmerged
// saves several percent of its time (bench/code-release). The memory goes
// back at exit.
void tune_allocator() {
  mallopt(M_MXFAST, 0);                  // no fast bins: nothing to merge
  mallopt(M_TRIM_THRESHOLD, 256 << 20);  // give memory back above 256 MiB free
  mallopt(M_TOP_PAD, 64 << 20);          // grow the heap 64 MiB at a time
}

}  // namespace

int main(int argc, char** argv) {
  tune_allocator();
  const bool json = relctl::cli::wants_json(argc, argv);
  const std::string bug = "this is a bug in relctl; please report it with the command you ran";
  try {
    return relctl::cli::run(argc, argv);
  } catch (const relctl::ConfigError& e) {
    return fail(json, e.code(), e.what(), e.hint(), /*config_error=*/true);
  } catch (const relctl::Error& e) {
    return fail(json, e.code(), e.what(), e.hint());
  } catch (const std::exception& e) {
    return fail(json, relctl::ExitCode::gate_failed, std::string("internal error: ") + e.what(),
                bug);
  } catch (...) {
    return fail(json, relctl::ExitCode::gate_failed, "internal error", bug);
  }
}
