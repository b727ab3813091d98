#include <catch2/catch.hpp>

#include "relctl/core/redactor.hpp"

using relctl::core::Redactor;

TEST_CASE("registered secrets are masked, also percent-encoded", "[redactor]") {
  Redactor r;
  r.add_secret("Tr0ub4dor&3!");
  CHECK(r.mask("pw Tr0ub4dor&3! twice Tr0ub4dor&3!") == "pw **** twice ****");
  CHECK(r.mask("url form Tr0ub4dor%263%21") == "url form ****");
  CHECK(r.mask("nothing here") == "nothing here");
}

TEST_CASE("URL passwords and password= keywords are masked without registration", "[redactor]") {
  Redactor r;
  CHECK(r.mask("postgresql://app:s3cret@db:5432/prod") == "postgresql://app:****@db:5432/prod");
  CHECK(r.mask("host=db password=s3cret dbname=x") == "host=db password=**** dbname=x");
  CHECK(r.mask("host=db password='s3 cret' dbname=x") == "host=db password=**** dbname=x");
  CHECK(r.mask("PASSWORD = hunter2") == "PASSWORD = ****");
}

TEST_CASE("a connection string's password is registered for plain mentions", "[redactor]") {
  Redactor r;
  r.add_connection_string("postgresql://app:Tr0ub4dor%263%21@db/prod");
  r.add_connection_string("host=db password='p w' user=x");
  CHECK(r.mask("server said: Tr0ub4dor%263%21 is wrong") == "server said: **** is wrong");
  CHECK(r.mask("p w") == "****");
}

TEST_CASE("a percent-encoded URL password is masked in its decoded form too", "[redactor]") {
  Redactor r;
  r.add_connection_string("postgresql://app:Tr0ub4dor%263%21@db/prod");
  CHECK(r.mask("FATAL: password Tr0ub4dor&3! rejected") == "FATAL: password **** rejected");
}

TEST_CASE("variables with secret-looking names are masked, others only for URL passwords",
          "[redactor]") {
  Redactor r;
  r.add_variable("API_TOKEN", "tok-123456");
  r.add_variable("DEPLOY_KEY", "k-abcdef");
  r.add_variable("PGPASSWORD", "Tr0ub4dor&3!");
  r.add_variable("PROD_DATABASE_URL", "postgres://app:Hunter2hunter@db/prod");
  r.add_variable("EDITOR", "vim");
  CHECK(r.mask("tok-123456 k-abcdef Tr0ub4dor&3!") == "**** **** ****");
  CHECK(r.mask("plain mention of Hunter2hunter") == "plain mention of ****");
  CHECK(r.mask("vim stays") == "vim stays");
}

TEST_CASE("masking a 30,000-character line or a megabyte never recurses", "[redactor]") {
  // std::regex recursed once per character here and overflowed the stack.
  Redactor r;
  r.add_secret("Tr0ub4dor&3!");
  const std::string line(30000, 'x');
  CHECK(r.mask(line) == line);
  const std::string url_run = "https://" + std::string(1 << 20, 'a');
  CHECK(r.mask(url_run) == url_run);
  std::string many;
  for (int i = 0; i < 50000; ++i) many += "Tr0ub4dor&3! postgres://u:p@h password=x ";
  const std::string masked = r.mask(many);
  CHECK(masked.find("Tr0ub4dor") == std::string::npos);
  CHECK(masked.find("u:p@") == std::string::npos);
  CHECK(masked.find("password=x") == std::string::npos);
}

TEST_CASE("a URL password runs to the last '@', and never past a quote", "[redactor]") {
  Redactor r;
  CHECK(r.mask("postgresql://app:S3c@ret@db/prod") == "postgresql://app:****@db/prod");
  CHECK(r.mask("postgresql://app:S3c/ret@db/prod") == "postgresql://app:****@db/prod");
  CHECK(r.mask(R"({"a":"http://u:x","b":"y@z"})") == R"({"a":"http://u:x","b":"y@z"})");
  CHECK(r.mask(R"({"m":"password=abc","n":1})") == R"({"m":"password=****","n":1})");
  CHECK(r.mask("password='never closed\nnext line") == "password=****\nnext line");
}

TEST_CASE("connection strings are read the way libpq reads them", "[redactor]") {
  // Each of these reached the terminal through libpq's own messages.
  SECTION("no @host: the password is what libpq takes for the port") {
    Redactor r;
    r.add_connection_string("postgresql://user:S3cretPw");
    CHECK(r.mask("invalid integer value \"S3cretPw\" for connection option \"port\"") ==
          "invalid integer value \"****\" for connection option \"port\"");
  }
  SECTION("an unencoded '/' in the password") {
    Redactor r;
    r.add_connection_string("postgresql://user:S3cr/etPw@localhost:5432/db");
    CHECK(r.mask("S3cr/etPw").find("S3cr") == std::string::npos);
    CHECK(r.mask("port \"S3cr\"").find("S3cr") == std::string::npos);
    CHECK(r.mask("database \"etPw@localhost:5432/db\"").find("etPw") == std::string::npos);
  }
  SECTION("an unencoded '@' in the password") {
    Redactor r;
    r.add_connection_string("postgresql://user:S3c@retPw@localhost/db");
    CHECK(r.mask("could not translate host name \"retPw@localhost\"").find("retPw") ==
          std::string::npos);
    CHECK(r.mask("S3c@retPw") == "****");
  }
  SECTION("a variable holding a bare password") {
    Redactor r;
    r.add_connection_string("S3cretPw");
    CHECK(r.mask("missing \"=\" after \"S3cretPw\" in connection info string") ==
          "missing \"=\" after \"****\" in connection info string");
  }
  SECTION("a stray '%' or a space") {
    Redactor r;
    r.add_connection_string("postgresql://user:S3cr%etPw@localhost/db");
    r.add_connection_string("postgresql://user:S3cret Pw@localhost/db");
    CHECK(r.mask("invalid percent-encoded token: \"S3cr%etPw\"") ==
          "invalid percent-encoded token: \"****\"");
    CHECK(r.mask("password S3cret Pw") == "password ****");
  }
  SECTION("the key=value form") {
    Redactor r;
    r.add_connection_string("host=db user=app password='it\\'s s3cret'");
    CHECK(r.mask("it's s3cret") == "****");
  }
}

TEST_CASE("URL-looking variables give their passwords, other URLs stay visible", "[redactor]") {
  Redactor r;
  r.add_variable("GITHUB_SERVER_URL", "https://github.com");
  r.add_variable("WEIRD_URL", "postgresql://user:S3cretPw");
  r.add_variable("FORGE", "https://bot:ghp_Secret123@github.example/x.git");
  CHECK(r.mask("https://github.com/o/r") == "https://github.com/o/r");
  CHECK(r.mask("port S3cretPw") == "port ****");
  CHECK(r.mask("token ghp_Secret123") == "token ****");
}

TEST_CASE("a secret is masked in its JSON and sanitized spellings too", "[redactor]") {
  Redactor r;
  r.add_secret("p\"a\\ss\x1bword");
  CHECK(r.mask(R"({"m":"p\"a\\ss\u001bword"})") == R"({"m":"****"})");
  CHECK(r.mask("p\"a\\ss\\x1bword") == "****");
  CHECK(r.clean("p\"a\\ss\x1bword and \x1b[2J") == "**** and \\x1b[2J");
}

TEST_CASE("secret variables are what a command gate does not get by default", "[redactor]") {
  using relctl::core::is_secret_variable;
  CHECK(is_secret_variable("DEPLOY_TOKEN", "x"));
  CHECK(is_secret_variable("DATABASE_URL", "postgresql://app@db/prod"));
  CHECK(is_secret_variable("ANY", "host=db password=x"));
  CHECK(is_secret_variable("FORGE", "https://bot:tok@example.com"));
  CHECK_FALSE(is_secret_variable("HOME", "/home/x"));
  CHECK_FALSE(is_secret_variable("GITHUB_SERVER_URL", "https://github.com"));
}
