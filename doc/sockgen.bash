# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for sockgen(1). Subcommands, verbs, option names and vsock
# scenarios are read from sockgen's own --help output (once per command
# line prefix, then cached), so the completion follows the installed
# binary instead of a copy of its option lists.

# Help text of "sockgen WORDS... --help", cached per prefix.
declare -gA _sockgen_help_cache 2>/dev/null || true

_sockgen_help()
{
	local prog=$1 key
	shift
	key="$prog|$*"
	if [[ -z ${_sockgen_help_cache[$key]+set} ]]; then
		_sockgen_help_cache[$key]=$("$prog" "$@" --help 2>/dev/null)
	fi
	printf '%s\n' "${_sockgen_help_cache[$key]}"
}

# A help text without its Examples section (examples may use other
# commands' options).
_sockgen_help_noex()
{
	_sockgen_help "$@" | awk '
		/^Examples:/ { ex = 1; next }
		ex && (/^$/ || /^[^ ]/) { ex = 0 }
		!ex'
}

# Every --long-option a help text mentions.
_sockgen_opts()
{
	{ _sockgen_help_noex "$@" | grep -oE -- '--[a-z0-9][a-z0-9-]*'; echo --help; } | sort -u
}

# Options that take a value: a help text shows them followed by a
# metavariable ("--pcap FILE", "--prf high|medium|low", "--flags M,O").
_sockgen_opts_with_arg()
{
	_sockgen_help_noex "$@" | grep -oE -- "--[a-z0-9][a-z0-9-]*[ =][A-Za-z0-9'\"]" |
		sed -E 's/[ =].$//' | sort -u
}

# Names in the first column of an indented list ("  rs        Router ...")
# between a line matching $2 and the next unindented line.
_sockgen_list()
{
	local text=$1 start=$2
	awk -v start="$start" '
		found && /^[^ ]/ { exit }
		found && /^  [a-z][a-z0-9-]*( |$)/ { print $1 }
		$0 ~ start { found = 1 }
	' <<<"$text"
}

_sockgen_ifaces()
{
	local d
	for d in /sys/class/net/*; do
		[[ -e $d ]] && printf '%s\n' "${d##*/}"
	done
}

_sockgen()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi

	local prog=${words[0]}
	if ! type -P "$prog" >/dev/null 2>&1 && [[ ! -x $prog ]]; then
		prog=sockgen
	fi

	# sockgen [SUB [VERB]]: where the command's own words end
	local sub="" verb="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*)
			if [[ -z $sub ]]; then
				sub=${words[i]}
			elif [[ -z $verb && ( $sub == ndp || $sub == vsock ) &&
				${words[i - 1]} != --* ]]; then
				verb=${words[i]}
			fi
			;;
		esac
	done

	if [[ -z $sub ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_sockgen_list "$(_sockgen_help "$prog")" '^Subcommands')" -- "$cur")
		fi
		return
	fi

	# the verb position of ndp and vsock
	if [[ -z $verb && ( $sub == ndp || $sub == vsock ) && $cur != -* &&
		${prev} != --* ]]; then
		local verbs
		if [[ $sub == ndp ]]; then
			verbs=$(_sockgen_list "$(_sockgen_help "$prog" ndp)" '^usage' | grep -v '^sockgen$')
		else
			verbs=$(_sockgen_list "$(_sockgen_help "$prog" vsock)" '^usage')
		fi
		mapfile -t COMPREPLY < <(compgen -W "$verbs" -- "$cur")
		return
	fi

	local -a cmd=("$sub")
	[[ -n $verb ]] && cmd+=("$verb")
	# "sockgen ndp --script FILE ...": what "sockgen ndp --help" names

	# the value of the option before the cursor
	if [[ $prev == --* ]]; then
		case $prev in
		--pcap | --out | --manifest | --capture | --script | --json | --fifo | --config | --from-pcap | \
			--log-file | --extcap-control-in | --extcap-control-out | --file)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return
			;;
		--plugin)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -X '!*.so' -- "$cur"; compgen -d -- "$cur")
			return
			;;
		--tshark | --exec)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -c -- "$cur"; compgen -f -- "$cur")
			return
			;;
		--iface | --raw)
			mapfile -t COMPREPLY < <(compgen -W "$(_sockgen_ifaces)" -- "$cur")
			return
			;;
		--scenario)
			mapfile -t COMPREPLY < <(compgen -W "$(_sockgen_list "$(_sockgen_help "$prog" vsock pcap)" 'Scenarios')" -- "$cur")
			return
			;;
		--type)
			mapfile -t COMPREPLY < <(compgen -W "stream seqpacket" -- "$cur")
			return
			;;
		--mode)
			mapfile -t COMPREPLY < <(compgen -W "echo sink http reset" -- "$cur")
			return
			;;
		--prf)
			mapfile -t COMPREPLY < <(compgen -W "high medium low" -- "$cur")
			return
			;;
		--format)
			mapfile -t COMPREPLY < <(compgen -W "text json radvd" -- "$cur")
			return
			;;
		--extcap-interface)
			mapfile -t COMPREPLY < <(compgen -W "sockgen-ndp sockgen-vsock" -- "$cur")
			return
			;;
		--filter)
			[[ $sub == ndp ]] &&
				mapfile -t COMPREPLY < <(compgen -W "rs ra ns na redirect ind-sol ind-adv cps cpa" -- "$cur")
			return
			;;
		--mix)
			mapfile -t COMPREPLY < <(compgen -W "all rs ra ns na redirect" -- "$cur")
			return
			;;
		--options)
			mapfile -t COMPREPLY < <(compgen -W "minimal typical rich invalid" -- "$cur")
			return
			;;
		--manifest-format)
			mapfile -t COMPREPLY < <(compgen -W "compact full" -- "$cur")
			return
			;;
		--pref)
			# ndp listen --watch: the plugin's analysis preferences, as
			# its --help names them
			compopt -o nospace 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -W "$(_sockgen_help "$prog" "${cmd[@]}" |
				awk '/^  --/ { on = /^  --pref / } on' | grep -oE '[a-z]+_[a-z_]+' |
				sed 's/$/:/')" -- "$cur")
			return
			;;
		--set)
			# ndp replay: the settable fields, as sockgen lists them
			compopt -o nospace 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -W "$("$prog" ndp replay --list-fields 2>/dev/null |
				sed 's/$/=/')" -- "$cur")
			return
			;;
		--drop-opt)
			mapfile -t COMPREPLY < <(compgen -W "$("$prog" ndp --list-options 2>/dev/null |
				awk -F '\t' '!/^#/ { print $5 }' | sort -u)" -- "$cur")
			return
			;;
		--add-opt)
			compopt -o nospace 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -W "$("$prog" ndp --list-options 2>/dev/null |
				awk -F '\t' '!/^#/ && $4 ~ /^--/ { print substr($4, 3) "=" }')" -- "$cur")
			return
			;;
		esac
		# any other option that takes a value: nothing to offer
		if _sockgen_opts_with_arg "$prog" "${cmd[@]}" | grep -qxF -- "$prev"; then
			return
		fi
	fi

	# ndp listen IF, ndp solicit IF, ndp resolve IF ADDR, ndp router IF
	if [[ $sub == ndp && $verb =~ ^(listen|solicit|resolve|router)$ && $cur != -* ]]; then
		local n=0
		for ((i = 3; i < cword; i++)); do
			[[ ${words[i]} != -* && ${words[i - 1]} != --* ]] && n=$((n + 1))
		done
		if ((n == 0)); then
			mapfile -t COMPREPLY < <(compgen -W "$(_sockgen_ifaces)" -- "$cur")
			return
		fi
	fi

	mapfile -t COMPREPLY < <(compgen -W "$(_sockgen_opts "$prog" "${cmd[@]}")" -- "$cur")
}

complete -F _sockgen sockgen
