# Every third-party library comes from Debian 12's packages (scripts/deps.sh
# installs them). Each becomes an imported target; only adapters link the
# heavy ones privately so their headers never reach include/relctl.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.5)
pkg_check_modules(LIBPQXX REQUIRED IMPORTED_TARGET libpqxx>=6.4)
# libpqxx's .pc does not pull libpq in; the adapter calls libpq (PQconnectionUsedPassword...).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
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
