// forge.pull-request: after git.push in pr mode, the pull (merge) request of
// the release branch into the main branch, titled from [forge] pr_title,
// with the changelog section (code) or the manifest facts and the
// validation report's summary (data) as its body, the configured labels
// and reviewers. An open request of the branch is reused, not duplicated.

#include <nlohmann/json.hpp>

#include "gates/forge/support.hpp"
#include "gates/registered.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/forge.hpp"

namespace relctl::gates {

namespace {

// GitHub's limit on a body is 65536 characters; the report stops well before.
constexpr std::size_t body_limit = 60000;

class ForgePullRequest final : public RegisteredGate {
 public:
  explicit ForgePullRequest(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("forge.pull-request"), plan_(std::move(plan)) {}

  bool reversible() const override { return false; }

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned()) return "would open the pull request (no version yet)";
    if (!plan_->shape.push) return "would not open the pull request: --no-push";
    forge::Forge& f = access_.get(ctx);
    const auto request = new_request(ctx);
    if (const auto open = f.find_pull_request(request.head, request.base, "open")) {
      return "#" + std::to_string(open->number) + " from " + request.head + " is open already (" +
             open->url + "): nothing to open";
    }
    return "would open a " + f.name() + " " + kind_name(f) + " from " + request.head + " into " +
           request.base + ":" + forge_support::describe(f.open_pull_request_requests(request));
  }

  core::Outcome run(core::Context& ctx) override {
    if (!plan_->shape.push) return core::Outcome::skip("--no-push: nothing was pushed to review");
    try {
      forge::Forge& f = access_.get(ctx);
      const auto request = new_request(ctx);
      auto pull = f.find_pull_request(request.head, request.base, "open");
      const bool existed = pull.has_value();
      if (!pull) pull = f.open_pull_request(request);
      ctx.reporter.note(std::string(existed ? "Pull request (already open): " : "Pull request: ") +
                        pull->url);
      const std::string message =
          (existed ? "#" + std::to_string(pull->number) + " was open already: "
                   : "opened #" + std::to_string(pull->number) + " from " + request.head +
                         " into " + request.base + ": ") +
          pull->url;
      return core::Outcome::pass(message, nlohmann::json{{"forge", f.name()},
                                                         {"number", pull->number},
                                                         {"url", pull->url},
                                                         {"created", !existed}}
                                              .dump());
    } catch (const Interrupted&) {
      throw;
    } catch (const Error&) {
      forge_support::rethrow_with_hint("the branch " + plan_->branch +
                                       " is pushed and stays; open the request by hand" +
                                       by_hand(ctx));
    }
  }

 private:
  static std::string kind_name(const forge::Forge& f) {
    return f.location().kind == forge::Kind::gitlab ? "merge request" : "pull request";
  }

  std::string by_hand(core::Context& ctx) {
    const auto* cfg = ctx.config;
    if (!cfg || !cfg->forge) return "";
    try {
      const forge::Location& where = access_.get(ctx).location();
      if (where.web_url.empty()) return "";
      const std::string base = cfg->project.main_branch;
      if (where.kind == forge::Kind::gitlab) {
        return ": " + where.web_url + "/" + where.project +
               "/-/merge_requests/new?merge_request%5Bsource_branch%5D=" + plan_->branch;
      }
      return ": " + where.web_url + "/" + where.project + "/compare/" + base + "..." +
             plan_->branch + "?expand=1";
    } catch (const Error&) {
      return "";
    }
  }

  forge::NewPullRequest new_request(core::Context& ctx) {
    const config::Config& cfg = *ctx.config;
    const config::Forge& fc = *cfg.forge;
    forge::NewPullRequest p;
    p.head = plan_->branch;
    p.base = cfg.project.main_branch;
    std::map<std::string, std::string> vars = {
        {"version", plan_->version},
        {"tag", plan_->tags.empty() ? std::string() : plan_->tags.front().name},
        {"date", ctx.vars["date"]},
        {"branch", plan_->branch}};
    p.title = config::render(fc.pr_title, vars);
    p.body = body(ctx);
    p.labels = fc.labels;
    p.reviewers = fc.reviewers;
    return p;
  }

  // The changelog section (code), the validation report's summary (data).
  std::string body(core::Context& ctx) {
    std::string out;
    if (plan_->shape.carries_code()) out += plan_->changelog_text();
    if (plan_->shape.carries_data()) {
      for (const auto& o : plan_->outputs) {
        const std::string name = "report.md";
        if (o.path.size() < name.size() ||
            o.path.compare(o.path.size() - name.size(), name.size(), name) != 0) {
          continue;
        }
        const auto report = core::read_file(access_.repo(ctx).workdir() / o.path);
        if (!report) continue;
        // The summary: facts, gates and row counts; the schema stays in the file.
        if (!out.empty()) out += "\n";
        out.append(*report, 0, report->find("\n## Schema"));
        out += "\n\nThe full report: `" + o.path + "`.\n";
      }
    }
    if (out.size() > body_limit) {
      out.resize(body_limit);
      out += "\n\n(cut: see the files)\n";
    }
    out += "\n---\nOpened by relctl (run " + ctx.run_id + "). After the merge, on " +
           ctx.config->project.main_branch + ": `relctl " + ctx.command + " --finalize`.\n";
    return ctx.redactor.mask(out);
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  forge_support::ForgeAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_forge_pull_request(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<ForgePullRequest>(std::move(plan));
}

}  // namespace relctl::gates
