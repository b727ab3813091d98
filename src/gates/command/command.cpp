// command.<id>: a [[gates.command]] entry as a gate. The command's phase
// decides where the pipeline puts it (verify: tests before anything is
// written; build: after the version files are bumped).

#include <cctype>
#include <nlohmann/json.hpp>

#include "gates/command/withheld.hpp"
#include "gates/details.hpp"
#include "gates/registered.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/context.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/process/process.hpp"

namespace relctl::gates {

namespace {

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

std::string seconds(long long ms) {
  return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + "s";
}

// The last `n` lines of `text`.
std::string tail_lines(const std::string& text, size_t n) {
  size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (size_t lines = 0; pos > 0; --pos) {
    if (text[pos - 1] == '\n' && ++lines == n) break;
  }
  return text.substr(pos);
}

// Its description is the registry's command.<id>; its id, kind and
// severity come from its [[gates.command]] entry.
class CommandGate final : public RegisteredGate {
 public:
  explicit CommandGate(config::CommandGate cmd)
      : RegisteredGate("command." + cmd.id), cmd_(std::move(cmd)) {}

  std::string id() const override { return "command." + cmd_.id; }
  // A command marked dry_run = true runs in dry runs too, which makes it a check.
  core::Kind kind() const override { return cmd_.dry_run ? core::Kind::check : core::Kind::action; }
  // What a command did (deployed, scaled, notified) is the team's to reverse.
  bool reversible() const override { return false; }
  core::Severity severity() const override {
    return cmd_.soft ? core::Severity::soft : core::Severity::hard;
  }

  std::string plan(core::Context& ctx) override {
    return "would run `" + joined(rendered_argv(ctx)) + "` in " + cwd(ctx).string() + " (timeout " +
           seconds(cmd_.timeout.count()) + "; not run in dry runs: set dry_run = true to run it)";
  }

  core::Outcome run(core::Context& ctx) override {
    process::Spec spec;
    spec.argv = rendered_argv(ctx);
    spec.cwd = cwd(ctx);
    spec.timeout = cmd_.timeout;
    spec.env = environment(ctx);
    spec.withheld = withheld(ctx);
    const process::Result r = process::run(spec);

    nlohmann::json details = {{"argv", spec.argv},        {"cwd", spec.cwd.string()},
                              {"exit_code", r.exit_code}, {"duration_ms", r.duration_ms},
                              {"output", r.output},       {"output_truncated", r.truncated}};
    if (r.signal) details["signal"] = r.signal;
    if (r.interrupted) throw Interrupted();

    const std::string what = "`" + joined(spec.argv) + "`";
    std::string failure;
    if (r.timed_out) {
      failure = what + " timed out after " + seconds(cmd_.timeout.count()) + " and was killed";
    } else if (r.signal) {
      failure = what + " was killed by signal " + std::to_string(r.signal);
    } else if (r.exit_code != 0) {
      failure =
          what + " exited with " + std::to_string(r.exit_code) + " after " + seconds(r.duration_ms);
    }
    if (failure.empty()) {
      return core::Outcome::pass(what + " passed in " + seconds(r.duration_ms),
                                 to_details(details));
    }
    if (!r.output.empty()) {
      ctx.reporter.note("output of " + id() + " (last lines):\n" + tail_lines(r.output, 30));
    }
    return core::Outcome::fail(failure, to_details(details));
  }

 private:
  std::filesystem::path cwd(const core::Context& ctx) const {
    if (cmd_.cwd.empty()) return ctx.root();
    std::filesystem::path p(config::render(cmd_.cwd, vars(ctx)));
    return p.is_relative() ? ctx.root() / p : p;
  }

  // Template values every command may use, empty until known.
  std::map<std::string, std::string> vars(const core::Context& ctx) const {
    std::map<std::string, std::string> v = ctx.vars;
    for (const char* name : {"date", "version", "tag", "commit", "branch", "env"}) v[name];
    v["run_id"] = ctx.run_id;
    if (v["env"].empty()) v["env"] = ctx.release.env;
    return v;
  }

  std::vector<std::string> rendered_argv(const core::Context& ctx) const {
    const auto v = vars(ctx);
    std::vector<std::string> out;
    for (const auto& a : cmd_.run) out.push_back(config::render(a, v));
    return out;
  }

  std::map<std::string, std::string> environment(const core::Context& ctx) const {
    std::map<std::string, std::string> env;
    for (const auto& [k, val] : vars(ctx)) {
      std::string name = "RELCTL_";
      for (char c : k) {
        name += std::isalnum(static_cast<unsigned char>(c))
                    ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                    : '_';
      }
      env[name] = val;
    }
    env["RELCTL_DRY_RUN"] = ctx.dry_run() ? "1" : "0";
    env["RELCTL_COMMAND"] = ctx.command;
    env["RELCTL_ROOT"] = ctx.root().string();
    const auto v = vars(ctx);
    for (const auto& [k, val] : cmd_.env) env[k] = config::render(val, v);
    return env;
  }

  // relctl's variables the command does not get: database URLs (every
  // url_env, every connection string) and secret-looking ones, unless the
  // gate names them in `env`. A deploy script gets the token it asks for.
  std::vector<std::string> withheld(const core::Context& ctx) const {
    return withheld_variables(ctx.config, cmd_.pass_env);
  }

  config::CommandGate cmd_;
};

}  // namespace

std::unique_ptr<core::Gate> make_command_gate(const config::CommandGate& command) {
  return std::make_unique<CommandGate>(command);
}

}  // namespace relctl::gates
