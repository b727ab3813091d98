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
