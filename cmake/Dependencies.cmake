# Every third-party library comes from Debian 12's packages (scripts/deps.sh
# installs them). The rest of the build links relctl::<name> targets only;
# this file alone decides how each is linked:
#
#   default build    the shared libraries (fast to link, what the tests use)
#   RELCTL_RELEASE   libgit2 (with mbedTLS, http-parser, libssh2, PCRE2, zlib),
#                    libpqxx, SQLiteCpp and SQLite from their static archives;
#                    fmt, spdlog and toml++ header-only (Debian ships no
#                    archives of them); libpq, OpenSSL, Kerberos and glibc stay
#                    shared, so host names, ~/.pgpass, GSSAPI and TLS work as
#                    the system configures them.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.5)
pkg_check_modules(LIBPQXX REQUIRED IMPORTED_TARGET libpqxx>=6.4)
# libpqxx's .pc does not pull libpq in; the adapter calls libpq (PQconnectionUsedPassword...).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
if(RELCTL_RELEASE)
  # SQLiteCpp's package links SQLite::SQLite3, which FindSQLite3 makes from this path.
  find_library(SQLite3_LIBRARY NAMES libsqlite3.a REQUIRED)
endif()
find_package(SQLiteCpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)
if(RELCTL_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()

# relctl::<name>: an INTERFACE target holding whatever links <name>.
function(relctl_dependency name)
  add_library(relctl_dep_${name} INTERFACE)
  target_link_libraries(relctl_dep_${name} INTERFACE ${ARGN})
  add_library(relctl::${name} ALIAS relctl_dep_${name})
endfunction()

# The static archive lib<name>.a of each name, in order, into `out`.
function(relctl_static_archives out)
  set(paths)
  foreach(name IN LISTS ARGN)
    find_library(RELCTL_ARCHIVE_${name} NAMES lib${name}.a REQUIRED)
    list(APPEND paths ${RELCTL_ARCHIVE_${name}})
  endforeach()
  set(${out} ${paths} PARENT_SCOPE)
endfunction()

if(NOT RELCTL_RELEASE)
  relctl_dependency(git2 PkgConfig::LIBGIT2)
  relctl_dependency(pqxx PkgConfig::LIBPQXX PkgConfig::LIBPQ)
  relctl_dependency(fmt fmt::fmt)
  relctl_dependency(spdlog spdlog::spdlog)
  relctl_dependency(toml tomlplusplus::tomlplusplus)
else()
  # libgit2 and the libraries Debian builds it with (pkg-config --static
  # libgit2 libssh2); OpenSSL (for libssh2) and Kerberos (libgit2's SPNEGO
  # authentication, which its .pc file omits) stay shared.
  relctl_static_archives(git2_archives git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 pcre2-8 z)
  relctl_dependency(git2 ${git2_archives} ssl crypto gssapi_krb5 rt)
  target_include_directories(relctl_dep_git2 INTERFACE ${LIBGIT2_INCLUDE_DIRS})
  relctl_static_archives(pqxx_archives pqxx)
  relctl_dependency(pqxx ${pqxx_archives} PkgConfig::LIBPQ)
  target_include_directories(relctl_dep_pqxx INTERFACE ${LIBPQXX_INCLUDE_DIRS})
  relctl_dependency(fmt fmt::fmt-header-only)
  # Not spdlog::spdlog_header_only: Debian's target links the shared libfmt.
  relctl_dependency(spdlog fmt::fmt-header-only Threads::Threads)
  target_compile_definitions(relctl_dep_spdlog INTERFACE SPDLOG_FMT_EXTERNAL)
  get_target_property(spdlog_includes spdlog::spdlog_header_only INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(relctl_dep_spdlog INTERFACE ${spdlog_includes})
  add_library(relctl_dep_toml INTERFACE)
  target_compile_definitions(relctl_dep_toml INTERFACE TOML_HEADER_ONLY=1)
  get_target_property(toml_includes tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(relctl_dep_toml INTERFACE ${toml_includes})
  add_library(relctl::toml ALIAS relctl_dep_toml)
endif()
relctl_dependency(pq PkgConfig::LIBPQ)
# SQLiteCpp is only ever a static archive in Debian; SQLite follows SQLite3_LIBRARY.
relctl_dependency(sqlitecpp SQLiteCpp m)
relctl_dependency(cli11 CLI11::CLI11)
relctl_dependency(json nlohmann_json::nlohmann_json)
relctl_dependency(curl CURL::libcurl)
