// Remotes: listing their refs and fetching, with credentials from the
// ssh-agent or a token, and Ctrl-C honoured during transfers.

#include <git2.h>

#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"

namespace relctl::git {

using namespace detail;

namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

struct CallbackState {
  const Auth* auth = nullptr;
  bool tried_agent = false;
  bool tried_token = false;
};

int credentials(git_credential** out, const char* /*url*/, const char* user_from_url,
                unsigned int allowed, void* payload) {
  auto* st = static_cast<CallbackState*>(payload);
  if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !st->tried_agent) {
    st->tried_agent = true;
    return git_credential_ssh_key_from_agent(out, user_from_url ? user_from_url : "git");
  }
  if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && !st->auth->token.empty() &&
      !st->tried_token) {
    st->tried_token = true;
    const char* user = user_from_url && *user_from_url ? user_from_url : "x-access-token";
    return git_credential_userpass_plaintext_new(out, user, st->auth->token.c_str());
  }
  return GIT_PASSTHROUGH;  // no (more) credentials: libgit2 reports the authentication failure
}

int transfer_progress(const git_indexer_progress* /*stats*/, void* /*payload*/) {
  return core::interrupt_requested() ? GIT_EUSER : 0;
}

git_remote_callbacks callbacks_for(CallbackState& st) {
  git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
  cb.credentials = credentials;
  cb.transfer_progress = transfer_progress;
  cb.payload = &st;
  return cb;
}

std::string auth_hint(const Auth& auth) {
  if (auth.token_env.empty()) {
    return "for ssh URLs load a key into ssh-agent; for https set project.token_env and export "
           "that variable";
  }
  return "for ssh URLs load a key into ssh-agent; for https export $" + auth.token_env +
         " with a token allowed to push";
}

}  // namespace

std::vector<std::string> Repository::remotes() const {
  git_strarray names{};
  check(git_remote_list(&names, impl_->get()), "cannot list the remotes of " + workdir().string());
  std::vector<std::string> out(names.strings, names.strings + names.count);
  git_strarray_dispose(&names);
  return out;
}

std::string Repository::remote_url(const std::string& remote) const {
  git_remote* raw = nullptr;
  check(git_remote_lookup(&raw, impl_->get(), remote.c_str()),
        "no remote named '" + remote + "' in " + workdir().string(),
        "add it (git remote add " + remote + " URL) or set project.remote in relctl.toml");
  RemoteHandle r(raw);
  const char* url = git_remote_url(raw);
  return url ? url : "";
}

std::vector<RemoteRef> Repository::list_remote(const std::string& remote, const Auth& auth,
                                               bool after_interrupt) const {
  const std::string url = remote_url(remote);
  git_remote* raw = nullptr;
  check(git_remote_lookup(&raw, impl_->get(), remote.c_str()), "no remote named " + remote);
  RemoteHandle r(raw);
  CallbackState st;
  st.auth = &auth;
  git_remote_callbacks cb = callbacks_for(st);
  const auto t0 = Clock::now();
  const int rc = git_remote_connect(raw, GIT_DIRECTION_FETCH, &cb, nullptr, nullptr);
  core::log_debug("git ls-remote {} ({}): {} in {}ms", remote, url,
                  rc == 0 ? "connected" : "failed", ms_since(t0));
  if (!after_interrupt) core::throw_if_interrupted();
  check_remote(rc, "cannot reach " + remote + " (" + url + ")",
               rc == GIT_EAUTH ? auth_hint(auth) : std::string());
  const git_remote_head** heads = nullptr;
  size_t n = 0;
  check_remote(git_remote_ls(&heads, &n, raw), "cannot list the refs of " + remote);
  std::vector<RemoteRef> out;
  for (size_t i = 0; i < n; ++i) out.push_back({heads[i]->name, to_hex(heads[i]->oid)});
  git_remote_disconnect(raw);
  return out;
}

void Repository::fetch(const std::string& remote, const Auth& auth) {
  const std::string url = remote_url(remote);
  git_remote* raw = nullptr;
  check(git_remote_lookup(&raw, impl_->get(), remote.c_str()), "no remote named " + remote);
  RemoteHandle r(raw);
  CallbackState st;
  st.auth = &auth;
  git_fetch_options opts = GIT_FETCH_OPTIONS_INIT;
  opts.callbacks = callbacks_for(st);
  // Tags are never fetched implicitly: a fetch must not create local tags.
  opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  opts.prune = GIT_FETCH_NO_PRUNE;
  const auto t0 = Clock::now();
  const int rc = git_remote_fetch(raw, nullptr, &opts, "relctl: fetch");
  core::log_debug("git fetch {} ({}): {} in {}ms", remote, url, rc == 0 ? "done" : "failed",
                  ms_since(t0));
  core::throw_if_interrupted();
  check_remote(rc, "cannot fetch from " + remote + " (" + url + ")",
               rc == GIT_EAUTH ? auth_hint(auth) : std::string());
}

}  // namespace relctl::git
