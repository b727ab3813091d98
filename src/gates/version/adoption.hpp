#pragma once
// Adopting relctl in a project with a release history: which tag template
// its existing tags follow. Pure logic; `relctl init` writes the template
// it finds and version.next names it when code_release.tag matches no tag.

#include "relctl/gates/version.hpp"
