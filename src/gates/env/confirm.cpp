// env.confirm: the typed confirmation phrase for protected environments.

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "gates/registered.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/gates/env.hpp"

namespace relctl::gates {

namespace {

const config::Environment* environment(const core::Context& ctx) {
  if (!ctx.config || ctx.release.env.empty()) return nullptr;
  return ctx.config->find_environment(ctx.release.env);
}

// The phrase to type: the configured one, or the environment's name.
std::string phrase_of(const config::Environment& env) {
  return env.confirm_phrase.empty() ? env.name : env.confirm_phrase;
}

class EnvConfirm final : public RegisteredGate {
 public:
  explicit EnvConfirm(std::optional<std::string> phrase)
      : RegisteredGate("env.confirm"), given_(std::move(phrase)) {}

  bool may_skip(const core::Context& ctx) const override {
    const auto* env = environment(ctx);
    return !(env && env->is_protected);
  }

  core::Outcome run(core::Context& ctx) override {
    const auto* env = environment(ctx);
    if (!env) return core::Outcome::skip("no environment given");
    if (!env->is_protected) {
      return core::Outcome::pass("environment " + env->name + " is not protected");
    }
    const std::string expected = phrase_of(*env);
    const std::string hint = "pass --confirm \"" + expected +
                             "\" (exactly), or run it at a "
                             "terminal and type the phrase";
    if (given_) {
      if (*given_ != expected) {
        throw GateError(
            "--confirm does not match the confirmation phrase of " + env->name,
            "the phrase is \"" + expected + "\": every letter, its case and its spaces count");
      }
      return core::Outcome::pass("confirmed with --confirm for protected environment " + env->name);
    }
    const bool terminal = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
    // Without a terminal the real run fails here, so the dry run does too.
    if (!terminal) {
      throw GateError(env->name + " is protected and there is no terminal to ask on", hint);
    }
    if (ctx.dry_run()) {  // changes nothing, so nothing to confirm yet
      return core::Outcome::pass("dry run: the real run asks for the phrase \"" + expected +
                                 "\" at this terminal");
    }
    std::fprintf(stderr, "relctl: %s is protected. Type \"%s\" to continue: ", env->name.c_str(),
                 expected.c_str());
    std::fflush(stderr);
    std::string typed;
    const bool got = static_cast<bool>(std::getline(std::cin, typed));
    core::throw_if_interrupted();
    if (!got || typed != expected) {
      throw GateError("the phrase typed does not match; nothing was done",
                      "run it again and type \"" + expected +
                          "\" as shown: every letter, its case and its spaces count");
    }
    return core::Outcome::pass("confirmed at the terminal for protected environment " + env->name);
  }

 private:
  std::optional<std::string> given_;
};

}  // namespace

std::unique_ptr<core::Gate> make_env_confirm(std::optional<std::string> phrase) {
  return std::make_unique<EnvConfirm>(std::move(phrase));
}

}  // namespace relctl::gates
