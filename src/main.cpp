// relctl's entry point: parse, run, and turn any relctl::Error into its exit
// code and a one- or two-line message. Nothing else is caught anywhere else.

#include <cstdio>
#include <exception>
#include <string>

#include "cli/app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"

namespace {
void print_error(const std::string& message, const std::string& hint) {
  const auto& r = relctl::core::redactor();
  std::fprintf(stderr, "relctl: error: %s\n", r.mask(message).c_str());
  if (!hint.empty()) std::fprintf(stderr, "relctl: hint: %s\n", r.mask(hint).c_str());
}
}  // namespace

int main(int argc, char** argv) {
  try {
    return relctl::cli::run(argc, argv);
  } catch (const relctl::Error& e) {
    print_error(e.what(), e.hint());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what(),
                "this is a bug in relctl; please report it with the command you ran");
    return static_cast<int>(relctl::ExitCode::gate_failed);
  }
}
