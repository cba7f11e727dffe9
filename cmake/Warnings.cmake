# SPDX-License-Identifier: GPL-2.0-or-later
# Project-wide warnings: every target builds clean with -Wall -Wextra -Werror
# under both gcc and clang.
add_compile_options(-Wall -Wextra -Werror -Wshadow -Wformat=2
                    -Wmissing-prototypes -Wstrict-prototypes -Wvla)
add_compile_definitions(_GNU_SOURCE)
