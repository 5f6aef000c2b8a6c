# bash completion of mnsim (installed as share/bash-completion/completions/mnsim): the commands,
# each command's options, the keys of --set (mnsim run --list-keys), the values of enumerated
# keys (mnsim run --list-values KEY) and the catalogue names after skin.site=, device.model=,
# formulation.compound=, indication=, --site and --indication (mnsim sites|devices|compounds|
# indications --names). Needs nothing of the bash-completion package; the names come from the
# mnsim being completed, so they are those of the catalogues it was built with, plus the user's
# catalogues of the line being completed (--catalog FILE) and of MNSIM_CATALOG_PATH.

# The words of the command line with KEY=VALUE rejoined (bash splits them at '='): sets the
# arrays/ints _mnsim_w and _mnsim_cw (the index of the word under the cursor).
_mnsim_words()
{
  _mnsim_w=()
  _mnsim_cw=0
  local i j=-1 glue=0 w
  for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
    w=${COMP_WORDS[i]}
    if ((j >= 0)) && [[ $w == "=" || $glue == 1 ]]; then
      _mnsim_w[j]+=$w
      glue=0
      [[ $w == "=" ]] && glue=1
    else
      _mnsim_w[++j]=$w
      glue=0
    fi
    ((i == COMP_CWORD)) && _mnsim_cw=$j
  done
  ((COMP_CWORD >= ${#COMP_WORDS[@]})) && _mnsim_cw=$((j + 1))
}

# Offer the words of $1 (one a line) that start with $2; the part of $2 up to its last '=' is
# dropped from the answers when bash completes only what follows the '='.
_mnsim_offer()
{
  local list=$1 cur=$2 prefix="" w
  if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
    prefix=${cur%=*}=
  fi
  while IFS= read -r w; do
    [[ -n $w && $w == "$cur"* ]] && COMPREPLY+=("${w#"$prefix"}")
  done <<<"$list"
}

# The values a KEY= takes: a catalogue's names or an enumeration's.
_mnsim_values()
{
  local mnsim=$1 key=$2
  case $key in
  skin.site) "$mnsim" sites --names "${_mnsim_cats[@]}" 2>/dev/null ;;
  device.model) "$mnsim" devices --names "${_mnsim_cats[@]}" 2>/dev/null ;;
  formulation.compound) "$mnsim" compounds --names "${_mnsim_cats[@]}" 2>/dev/null ;;
  indication) "$mnsim" indications --names "${_mnsim_cats[@]}" 2>/dev/null ;;
  *.occluded | *.infinite_dose) printf '%s\n' true false ;;
  *) "$mnsim" run --list-values "$key" 2>/dev/null ;;
  esac
}

_mnsim_files() # scenario files and folders
{
  local f
  while IFS= read -r f; do
    [[ -d $f || $f == *.yaml || $f == *.yml ]] && COMPREPLY+=("$f")
  done < <(compgen -f -- "$1")
}

_mnsim()
{
  COMPREPLY=()
  local _mnsim_w _mnsim_cw _mnsim_cats=()
  _mnsim_words
  local mnsim=${_mnsim_w[0]} cur=${_mnsim_w[_mnsim_cw]} prev="" cmd="" i
  ((_mnsim_cw > 0)) && prev=${_mnsim_w[_mnsim_cw - 1]}
  for ((i = 1; i < _mnsim_cw; i++)); do # the user's catalogues given so far: their names too
    if [[ ${_mnsim_w[i]} == --catalog ]] && ((i + 1 < _mnsim_cw)); then
      _mnsim_cats+=(--catalog "${_mnsim_w[i + 1]}")
    fi
    [[ ${_mnsim_w[i]} == --catalog=* ]] && _mnsim_cats+=("${_mnsim_w[i]}")
  done
  for ((i = 1; i < _mnsim_cw; i++)); do
    if [[ ${_mnsim_w[i]} != -* ]]; then
      cmd=${_mnsim_w[i]}
      break
    fi
  done
  if [[ -z $cmd ]]; then
    _mnsim_offer $'run\nsites\ndevices\ncompounds\nindications\nplan\nvalidate\ncompare\npopulation\nsweep\nsensitivity\n--help\n--version' "$cur"
    return 0
  fi

  if [[ $prev == --catalog ]]; then # a user's catalogue file (any command)
    _mnsim_files "$cur"
    return 0
  fi
  local opts=""
  case $cmd in
  run)
    case $prev in
    --set)
      if [[ $cur == *=* ]]; then
        _mnsim_offer "$(_mnsim_values "$mnsim" "${cur%%=*}" | sed "s|^|${cur%%=*}=|")" "$cur"
      else
        _mnsim_offer "$("$mnsim" run --list-keys 2>/dev/null | sed 's/$/=/')" "$cur"
        compopt -o nospace 2>/dev/null
      fi
      return 0
      ;;
    --list-values)
      _mnsim_offer "$("$mnsim" run --list-keys 2>/dev/null)" "$cur"
      return 0
      ;;
    -o | --output)
      COMPREPLY=($(compgen -d -- "$cur"))
      return 0
      ;;
    esac
    opts=$'--set\n--json\n-o\n--output\n--fields\n--strict\n--quiet\n-v\n--verbose\n--list-keys\n--list-values\n--help'
    ;;
  sites | devices | compounds | indications)
    opts=$'--json\n--names\n--help'
    ;;
  validate)
    opts=$'--json\n--help'
    ;;
  population | sweep | sensitivity)
    case $prev in
    --set)
      if [[ $cur == *=* ]]; then
        _mnsim_offer "$(_mnsim_values "$mnsim" "${cur%%=*}" | sed "s|^|${cur%%=*}=|")" "$cur"
      else
        _mnsim_offer "$("$mnsim" run --list-keys 2>/dev/null | sed 's/$/=/')" "$cur"
        compopt -o nospace 2>/dev/null
      fi
      return 0
      ;;
    --vary)
      _mnsim_offer "$("$mnsim" run --list-keys 2>/dev/null | sed 's/$/=/')" "$cur"
      compopt -o nospace 2>/dev/null
      return 0
      ;;
    --method)
      _mnsim_offer $'morris\nsobol' "$cur"
      return 0
      ;;
    -o | --resume)
      COMPREPLY=($(compgen -d -- "$cur"))
      return 0
      ;;
    --n | --seed | --threads)
      return 0
      ;;
    esac
    case $cmd in
    population) opts=$'--n\n--seed\n--set\n-o\n--json\n--resume\n--threads\n--quiet\n--help' ;;
    sweep) opts=$'--vary\n--patients\n--seed\n--set\n-o\n--json\n--resume\n--threads\n--quiet\n--help' ;;
    *) opts=$'--vary\n--method\n--n\n--seed\n--set\n-o\n--json\n--resume\n--threads\n--quiet\n--help' ;;
    esac
    ;;
  plan | compare)
    case $prev in
    --indication)
      _mnsim_offer "$("$mnsim" indications --names "${_mnsim_cats[@]}" 2>/dev/null)" "$cur"
      return 0
      ;;
    --site)
      _mnsim_offer "$("$mnsim" sites --names "${_mnsim_cats[@]}" 2>/dev/null)" "$cur"
      return 0
      ;;
    --setting)
      _mnsim_offer $'home\nclinic' "$cur"
      return 0
      ;;
    --fitzpatrick)
      _mnsim_offer $'1\n2\n3\n4\n5\n6' "$cur"
      return 0
      ;;
    --laser)
      _mnsim_offer "$("$mnsim" run --list-values device.laser 2>/dev/null)" "$cur"
      return 0
      ;;
    --emit-scenario)
      _mnsim_files "$cur"
      return 0
      ;;
    -o)
      COMPREPLY=($(compgen -d -- "$cur"))
      return 0
      ;;
    --condition | --age)
      return 0
      ;;
    esac
    if [[ $cmd == plan ]]; then
      opts=$'--indication\n--site\n--setting\n--fitzpatrick\n--condition\n--json\n--emit-scenario\n--help'
    else
      opts=$'--indication\n--site\n--fitzpatrick\n--age\n--setting\n--laser\n--json\n-o\n--help'
    fi
    ;;
  *)
    return 0
    ;;
  esac
  if [[ $cur == -* ]]; then
    _mnsim_offer "$opts"$'\n--catalog' "$cur"
  elif [[ $cmd == run || $cmd == compare || $cmd == population || $cmd == sweep ||
    $cmd == sensitivity ]]; then
    _mnsim_files "$cur"
  fi
  return 0
}
complete -F _mnsim mnsim
