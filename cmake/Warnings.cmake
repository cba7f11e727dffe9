# SPDX-License-Identifier: GPL-2.0-or-later
# Project-wide warnings. Every target builds clean with -Wall -Wextra under
# gcc and clang; -Werror is the developers' and CI's switch
# (SOCKSCOPE_WERROR, turned on by scripts/build, scripts/test and
# scripts/matrix), never forced on a user's or packager's build, whose
# newer compiler may warn where ours does not.
add_compile_options(-Wall -Wextra -Wshadow -Wformat=2
                    -Wmissing-prototypes -Wstrict-prototypes -Wvla)
if(SOCKSCOPE_WERROR)
  add_compile_options(-Werror)
endif()
add_compile_definitions(_GNU_SOURCE)
