/**
 * The shell side of completion: each script hands the words typed so far to `podscope __complete`
 * and shows what it prints, one candidate per line (`value<TAB>description`), or does the shell's
 * own file completion on a last line `:files` / `:directories`. Stdin is /dev/null (a credential
 * plugin can never prompt) and stderr is discarded (a failure shows nothing).
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# podscope completion for bash. Load it now:   source <(podscope completion bash)
# or for every shell:   podscope completion bash > ~/.local/share/bash-completion/completions/podscope
# COMP_WORDS with the pieces bash split off at ':' (COMP_WORDBREAKS) joined again, so podscope sees
# \`arn:aws:eks:...\` or \`ns:name\` as one word, as bash-completion's _get_comp_words_by_ref -n : does.
_podscope_words() {
  local i word spaced line=\${COMP_LINE:0:COMP_POINT}
  for ((i = 0; i < \${#COMP_WORDS[@]}; i++)); do
    word=\${COMP_WORDS[i]}
    spaced=1
    if [[ -n $COMP_LINE ]]; then
      [[ $line == [[:space:]]* ]] || spaced=0
      line=\${line#"\${line%%[![:space:]]*}"}
      line=\${line#"$word"}
    fi
    if ((i > 1 && !spaced)) && [[ $word == :* || \${words[\${#words[@]}-1]} == *: ]]; then
      words[\${#words[@]}-1]+=$word
    else
      words+=("$word")
    fi
    ((i == COMP_CWORD)) && cword=$((\${#words[@]} - 1))
  done
}
_podscope_complete() {
  local cur line value prefix= directive= cword=0
  local -a words=() lines=() values=()
  _podscope_words
  cur=\${words[cword]}
  # One candidate a line, "value<TAB>description"; nothing here is expanded (no word splitting, no globbing).
  mapfile -t lines < <(podscope __complete "\${words[@]:1:cword}" </dev/null 2>/dev/null)
  for line in "\${lines[@]}"; do
    case $line in
      :files) directive=files ;;
      :directories) directive=directories ;;
      '') ;;
      *) values+=("\${line%%$'\\t'*}") ;;
    esac
  done
  [[ $cur == = ]] && cur=
  case $directive in
    files) compopt -o filenames 2>/dev/null; mapfile -t values < <(compgen -f -- "$cur") ;;
    directories) compopt -o filenames 2>/dev/null; mapfile -t values < <(compgen -d -- "$cur") ;;
  esac
  # bash replaces only what follows the word's last ':', so that much goes from each candidate.
  [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]] && prefix=\${cur%"\${cur##*:}"}
  COMPREPLY=()
  for value in "\${values[@]}"; do
    value=\${value#"$prefix"}
    # File names are quoted by bash itself (-o filenames); anything else is quoted here.
    [[ -z $directive ]] && printf -v value '%q' "$value"
    COMPREPLY+=("$value")
  done
}
complete -F _podscope_complete podscope
`;

const ZSH = `#compdef podscope
# podscope completion for zsh. Load it now:   source <(podscope completion zsh)
# or for every shell: save it as _podscope in a directory of your $fpath (before compinit runs).
_podscope() {
  local line directive
  local -a described
  for line in "\${(@f)$(podscope __complete "\${(@)words[2,CURRENT]}" </dev/null 2>/dev/null)}"; do
    case $line in
      :files) directive=files ;;
      :directories) directive=directories ;;
      '') ;;
      *$'\\t'*) described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}") ;;
      *) described+=("\${line//:/\\\\:}") ;;
    esac
  done
  case $directive in
    files) _files; return ;;
    directories) _files -/; return ;;
  esac
  (( \${#described} )) && _describe -t values podscope described
}
if [[ \${funcstack[1]} == _podscope ]]; then _podscope "$@"; else compdef _podscope podscope; fi
`;

const FISH = `# podscope completion for fish. Load it now:   podscope completion fish | source
# or for every shell:   podscope completion fish > ~/.config/fish/completions/podscope.fish
function __podscope_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    for line in (podscope __complete $words "$current" </dev/null 2>/dev/null)
        switch $line
            case ':files'
                __fish_complete_path "$current"
            case ':directories'
                __fish_complete_directories "$current"
            case '*'
                printf '%s\\n' $line
        end
    end
end
complete -c podscope -f -a '(__podscope_complete)'
`;

export const COMPLETION_SCRIPTS: Readonly<Record<Shell, string>> = { bash: BASH, zsh: ZSH, fish: FISH };
