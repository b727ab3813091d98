// The local forge's HTTP/1.1 side (see forge_server.hpp): listening sockets
// on 127.0.0.1, reading requests (Content-Length bodies, Expect:
// 100-continue), recording them, faults, pagination, and answering with
// Connection: close.

#include "support/forge_server.hpp"
#include "relctl/core/text.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <stdexcept>
#include <thread>

namespace relctl::test {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A query-string value: '+' is a space, then %XX as anywhere.
std::string form_decode(std::string s) {
  for (auto& c : s) {
    if (c == '+') c = ' ';
  }
  return core::percent_decode(s);
}

bool send_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return "Status";
  }
}

// Reads one request from `fd`; false when the peer sent nothing usable.
bool read_request(int fd, HttpRequest& r, bool& length_missing) {
  std::string data;
  char buffer[65536];
  size_t header_end = std::string::npos;
  while (header_end == std::string::npos) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    data.append(buffer, static_cast<size_t>(n));
    header_end = data.find("\r\n\r\n");
  }
  const std::string head = data.substr(0, header_end);
  std::string body = data.substr(header_end + 4);
  size_t line_end = head.find("\r\n");
  const std::string request_line = head.substr(0, line_end);
  const auto sp1 = request_line.find(' ');
  const auto sp2 = request_line.rfind(' ');
  r.method = request_line.substr(0, sp1);
  const std::string target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto q = target.find('?');
  r.path = target.substr(0, q);
  r.query = q == std::string::npos ? "" : target.substr(q + 1);
  while (line_end != std::string::npos && line_end < head.size()) {
    const size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line =
        head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[lower(line.substr(0, colon))] = value;
  }
  if (lower(r.header("expect")) == "100-continue") {
    send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
  }
  const std::string length = r.header("content-length");
  length_missing = length.empty() && !r.header("transfer-encoding").empty();
  const size_t want = length.empty() ? 0 : std::stoul(length);
  while (body.size() < want) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    body.append(buffer, static_cast<size_t>(n));
  }
  r.body = body.substr(0, want);
  return true;
}

}  // namespace

std::string HttpRequest::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string HttpRequest::param(const std::string& name) const {
  size_t pos = 0;
  while (pos <= query.size()) {
    const auto amp = query.find('&', pos);
    const std::string pair = query.substr(pos, amp == std::string::npos ? amp : amp - pos);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name)
      return eq == std::string::npos ? "" : form_decode(pair.substr(eq + 1));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return "";
}

nlohmann::json HttpRequest::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::string HttpRequest::line() const {
  return method + " " + path;
}

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < path.size()) {
    const auto slash = path.find('/', pos);
    const std::string part = path.substr(pos, slash == std::string::npos ? slash : slash - pos);
    if (!part.empty()) out.push_back(part);
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  return out;
}

HttpResponse json_response(int status, const nlohmann::json& j) {
  return {status, {{"Content-Type", "application/json; charset=utf-8"}}, j.dump()};
}

// One listening socket and the thread that serves it, one connection at a time.
struct ForgeServer::Listener {
  Listener(ForgeServer& server, std::string host) : host_(std::move(host)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 16) != 0) {
      throw std::runtime_error("the test forge cannot listen on 127.0.0.1");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    thread_ = std::thread([this, &server] { serve(server); });
  }

  ~Listener() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }

  void serve(ForgeServer& server) {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      HttpRequest r;
      r.host = host_;
      bool length_missing = false;
      if (read_request(client, r, length_missing)) {
        const HttpResponse response = length_missing
                                          ? json_response(411, {{"message", "Length Required"}})
                                          : server.handle(std::move(r));
        std::string out =
            "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) + "\r\n";
        for (const auto& [k, v] : response.headers) out += k + ": " + v + "\r\n";
        out += "Content-Length: " + std::to_string(response.body.size()) +
               "\r\nConnection: close\r\n\r\n" + response.body;
        send_all(client, out);
      }
      ::close(client);
    }
  }

  int port = 0;

 private:
  std::string host_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

ForgeServer::ForgeServer(Kind kind, std::string project)
    : kind_(kind), project_(std::move(project)) {
  state_ =
      kind == Kind::github
          ? nlohmann::json{{"releases", nlohmann::json::array()},
                           {"assets", nlohmann::json::object()},
                           {"pulls", nlohmann::json::array()},
                           {"comments", nlohmann::json::object()},
                           {"deployments", nlohmann::json::array()},
                           {"statuses", nlohmann::json::array()},
                           {"check_runs", nlohmann::json::object()},
                           {"commit_statuses", nlohmann::json::object()}}
          : nlohmann::json{
                {"releases", nlohmann::json::array()},  {"links", nlohmann::json::object()},
                {"packages", nlohmann::json::object()}, {"merge_requests", nlohmann::json::array()},
                {"notes", nlohmann::json::object()},    {"deployments", nlohmann::json::array()},
                {"users", nlohmann::json::array()}};
  api_ = std::make_unique<Listener>(*this, "api");
  if (kind == Kind::github) uploads_ = std::make_unique<Listener>(*this, "uploads");
}

ForgeServer::~ForgeServer() {
  // The listeners' threads use the rest: they stop first.
  uploads_.reset();
  api_.reset();
}

std::string ForgeServer::base(const std::string& host) const {
  const int port = host == "uploads" && uploads_ ? uploads_->port : api_->port;
  return "http://127.0.0.1:" + std::to_string(port);
}

std::string ForgeServer::api_url() const {
  return base("api") + (kind_ == Kind::gitlab ? "/api/v4" : "");
}

std::vector<HttpRequest> ForgeServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<HttpRequest> ForgeServer::writes() const {
  std::vector<HttpRequest> out;
  for (auto& r : requests()) {
    if (r.method != "GET") out.push_back(r);
  }
  return out;
}

bool ForgeServer::matches(const HttpRequest& r, const std::string& pattern) {
  const std::string line = r.line();
  if (!pattern.empty() && pattern.back() == '/') return line.rfind(pattern, 0) == 0;
  return line == pattern;
}

std::vector<HttpRequest> ForgeServer::matching(const std::string& prefix) const {
  std::vector<HttpRequest> out;
  for (auto& r : requests()) {
    if (matches(r, prefix)) out.push_back(r);
  }
  return out;
}

void ForgeServer::fail_next(const std::string& prefix, int count, HttpResponse response) {
  std::lock_guard lock(mutex_);
  faults_.push_back({prefix, count, std::move(response)});
}

void ForgeServer::set_page_size(int n) {
  std::lock_guard lock(mutex_);
  page_size_ = n;
}

void ForgeServer::with_state(const std::function<void(nlohmann::json&)>& change) {
  std::lock_guard lock(mutex_);
  change(state_);
}

nlohmann::json ForgeServer::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

int ForgeServer::next_id() {
  return ++ids_;
}

HttpResponse ForgeServer::handle(HttpRequest request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(request);
  for (auto& f : faults_) {
    if (f.count > 0 && matches(request, f.prefix)) {
      --f.count;
      return f.response;
    }
  }
  return route(request);
}

HttpResponse ForgeServer::route(const HttpRequest& r) {
  if (kind_ == Kind::gitlab) {
    const std::string user =
        r.header("private-token").empty() ? r.header("job-token") : r.header("private-token");
    if (user != token) return json_response(401, {{"message", "401 Unauthorized"}});
    return gitlab(r);
  }
  if (r.header("user-agent").empty()) {
    return json_response(
        403, {{"message",
               "Request forbidden by administrative rules. Please make sure your request has a "
               "User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-"
               "rest-api#user-agent-required). Check https://developer.github.com for other "
               "possible causes."}});
  }
  if (r.header("authorization") != std::string("Bearer ") + token) {
    return json_response(401, {{"message", "Bad credentials"},
                               {"documentation_url", "https://docs.github.com/rest"}});
  }
  return r.host == "uploads" ? github_uploads(r) : github(r);
}

HttpResponse ForgeServer::page(const HttpRequest& r, const nlohmann::json& items,
                               const std::string& key) const {
  int per_page = page_size_;
  if (const auto asked = r.param("per_page"); !asked.empty()) {
    per_page = std::min(per_page, std::stoi(asked));
  }
  const int page = r.param("page").empty() ? 1 : std::stoi(r.param("page"));
  const int total = static_cast<int>(items.size());
  const int last = std::max(1, (total + per_page - 1) / per_page);
  nlohmann::json slice = nlohmann::json::array();
  for (int i = (page - 1) * per_page; i < std::min(total, page * per_page); ++i) {
    slice.push_back(items[static_cast<size_t>(i)]);
  }
  HttpResponse out = json_response(
      200, key.empty() ? slice : nlohmann::json{{key, slice}, {"total_count", total}});
  // The query without its page, then the page: what GitHub's and GitLab's links look like.
  std::string query;
  for (size_t pos = 0; pos <= r.query.size();) {
    const auto amp = r.query.find('&', pos);
    const std::string pair = r.query.substr(pos, amp == std::string::npos ? amp : amp - pos);
    if (!pair.empty() && pair.rfind("page=", 0) != 0) query += pair + "&";
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  auto link = [&](int n, const char* rel) {
    return "<" + base(r.host) + r.path + "?" + query + "page=" + std::to_string(n) + ">; rel=\"" +
           rel + "\"";
  };
  std::string links;
  if (page < last) links += link(page + 1, "next") + ", ";
  if (page > 1) links += link(page - 1, "prev") + ", ";
  links += link(1, "first") + ", " + link(last, "last");
  out.headers["Link"] = links;
  if (kind_ == Kind::gitlab) {
    out.headers["X-Page"] = std::to_string(page);
    out.headers["X-Next-Page"] = page < last ? std::to_string(page + 1) : "";
    out.headers["X-Total"] = std::to_string(total);
  }
  return out;
}

}  // namespace relctl::test
