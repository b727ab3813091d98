// libcurl under the forge adapter (see http.hpp).

#include "forge/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"
#include "relctl/version.hpp"

namespace relctl::forge::detail {

namespace {

struct EasyHandle {
  CURL* curl = curl_easy_init();
  ~EasyHandle() { curl_easy_cleanup(curl); }
};

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

struct File {
  std::FILE* f = nullptr;
  ~File() {
    if (f) std::fclose(f);
  }
};

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  const auto first = s.find_first_not_of(" \t");
  return first == std::string::npos ? "" : s.substr(first);
}

size_t on_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* out) {
  auto* response = static_cast<Response*>(out);
  const std::string line(data, size * count);
  // A new status line (after "100 Continue") starts a new set of headers.
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string& value = response->headers[name];
  value += (value.empty() ? "" : ", ") + trim(line.substr(colon + 1));
  return size * count;
}

size_t on_read(char* buffer, size_t size, size_t count, void* file) {
  return std::fread(buffer, 1, size * count, static_cast<std::FILE*>(file));
}

int on_progress(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return core::interrupt_requested() ? 1 : 0;
}

// Failures worth another attempt: the connection, not the request, failed.
bool transient(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

void pause(std::chrono::seconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until) {
    core::throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

struct Attempt {
  CURLcode rc = CURLE_OK;
  std::string error;
  Response response;
};

Attempt attempt(const Request& r, const std::vector<std::string>& headers) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  EasyHandle easy;
  CURL* c = easy.curl;
  if (!c) throw DependencyError("cannot start an HTTP client (libcurl)");
  Attempt a;
  char error[CURL_ERROR_SIZE] = {0};
  HeaderList list;
  for (const auto& h : headers) list.add(h);
  list.add("Expect:");  // no 100-continue round trip before bodies
  File file;
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_USERAGENT, ("relctl/" + std::string(version_string)).c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
  // A stalled transfer (under 1 byte/s for a minute) fails; big uploads do not.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &a.response);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  if (!r.file.empty()) {
    file.f = std::fopen(r.file.c_str(), "rb");
    if (!file.f) throw GateError("cannot read " + r.file.string() + " to upload it");
    std::error_code ec;
    const auto size = std::filesystem::file_size(r.file, ec);
    list.add("Content-Type: " + r.content_type);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(ec ? 0 : size));
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, file.f);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  } else if (r.method != "GET") {
    list.add("Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.json.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.json.size()));
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.list);
  a.rc = curl_easy_perform(c);
  if (a.rc == CURLE_ABORTED_BY_CALLBACK) throw Interrupted();
  if (a.rc != CURLE_OK) {
    a.error = curl_easy_strerror(a.rc);
    if (error[0]) a.error += std::string(" (") + trim(error) + ")";
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.response.status);
  return a;
}

}  // namespace

std::string Response::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Http::Http(std::string forge_name, std::vector<std::string> headers)
    : forge_name_(std::move(forge_name)), headers_(std::move(headers)) {}

Response Http::send(const Request& request) const {
  if (!is_allowed_url(request.url)) {
    throw ConfigError("relctl talks to " + forge_name_ + " over HTTPS only, not " + request.url,
                      "use an https:// API URL ([forge] api_url); plain http:// is allowed to "
                      "127.0.0.1 and ::1 only");
  }
  for (int n = 1;; ++n) {
    core::throw_if_interrupted();
    const auto t0 = std::chrono::steady_clock::now();
    Attempt a = attempt(request, headers_);
    // The run log gets method, URL and outcome; never a header (the token).
    core::log_debug(
        "forge {}: {} {} -> {} in {}ms (attempt {})", forge_name_, request.method, request.url,
        a.rc == CURLE_OK ? std::to_string(a.response.status) : "failed: " + a.error,
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count(),
        n);
    RetryDecision next;
    if (a.rc != CURLE_OK) {
      if (!transient(a.rc) || n >= max_attempts) {
        throw DependencyError(
            "cannot reach " + forge_name_ + " (" + request.method + " " + request.url +
                "): " + a.error + (n > 1 ? " after " + std::to_string(n) + " attempts" : ""),
            "check the network, the proxy variables (https_proxy, no_proxy) and [forge] api_url");
      }
      next = {true, std::chrono::seconds(1 << (n - 1)), a.error};
    } else {
      next = retry_decision(n, a.response, std::time(nullptr));
      if (!next.again) return a.response;
    }
    std::fprintf(stderr, "relctl: %s: %s on %s %s; trying again in %llds\n", forge_name_.c_str(),
                 next.why.c_str(), request.method.c_str(), request.url.c_str(),
                 static_cast<long long>(next.wait.count()));
    pause(next.wait);
  }
}

}  // namespace relctl::forge::detail
