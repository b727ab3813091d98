// Reading a release's files (see tree.hpp): the work tree from the file
// system, a tag's tree through the git adapter.

#include "relctl/release/tree.hpp"

#include <fstream>
#include <memory>
#include <sstream>

#include "relctl/core/error.hpp"
#include "relctl/git/repository.hpp"

namespace relctl::release {

namespace fs = std::filesystem;

namespace {

std::string generic(const fs::path& p) {
  return p.lexically_normal().generic_string();
}

// A tag of the repository containing `root`, and `root`'s place in it.
class TagTree {
 public:
  TagTree(const fs::path& root, const std::string& tag) : tag_(tag) {
    repo_ = git::Repository::try_discover(root);
    if (!repo_) {
      throw ConfigError(
          "cannot read tag " + tag + ": " + root.string() + " is not inside a git repository",
          "run relctl inside the project's git work tree");
    }
    const fs::path top = repo_->workdir().empty() ? root : repo_->workdir();
    std::error_code ec;
    prefix_ = fs::relative(fs::weakly_canonical(root, ec), fs::weakly_canonical(top, ec), ec);
    if (ec || generic(prefix_) == ".") prefix_.clear();
    if (!repo_->ref_commit("refs/tags/" + tag)) {
      throw UsageError("no tag " + tag + " in the repository at " + generic(top),
                       "list the tags with `git tag`, or fetch them with `git fetch --tags`");
    }
  }

  // `rel` (relative to the config root) as a path in the tag's tree.
  std::string path(const std::string& rel) const {
    const std::string p = generic(prefix_ / rel);
    return p == "." ? "" : p;
  }

  git::Repository& repo() { return *repo_; }
  std::string spec() const { return "refs/tags/" + tag_; }

 private:
  std::string tag_;
  std::unique_ptr<git::Repository> repo_;
  fs::path prefix_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(ExitCode::usage, "cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<std::map<std::string, std::string>> read_dir_at(const fs::path& root,
                                                              const std::string& tag,
                                                              const std::string& dir) {
  if (tag.empty()) {
    const fs::path folder = root / dir;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return std::nullopt;
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file()) out.emplace(entry.path().filename().string(), slurp(entry));
    }
    return out;
  }
  TagTree tree(root, tag);
  return tree.repo().read_dir_at(tree.spec(), tree.path(dir));
}

std::optional<std::string> read_file_at(const fs::path& root, const std::string& tag,
                                        const std::string& path) {
  if (tag.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(root / path, ec)) return std::nullopt;
    return slurp(root / path);
  }
  TagTree tree(root, tag);
  return tree.repo().read_file_at(tree.spec(), tree.path(path));
}

std::string describe_tree(const std::string& tag) {
  return tag.empty() ? "the work tree" : "tag " + tag;
}

}  // namespace relctl::release
