/**
 * The shell side of completion: each script hands the words typed so far to `podscope __complete`
 * and shows what it prints, one candidate per line (`value description`: a value has no space), or does the shell's
 * own file completion on a last line `:files` / `:directories`. Stdin is /dev/null (a credential
 * plugin can never prompt) and stderr is discarded (a failure shows nothing).
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# podscope completion for bash. Load it now:   source <(podscope completion bash)
# or for every shell:   podscope completion bash > ~/.local/share/bash-completion/completions/podscope
_podscope_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} out line directive= IFS=$'\\n'
  local -a values=()
  out=$(podscope __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" </dev/null 2>/dev/null) || return 0
  for line in $out; do
    case $line in
      :files) directive=files ;;
      :directories) directive=directories ;;
      *) values+=("\${line%% *}") ;;
    esac
  done
  [[ $cur == = ]] && cur=
  case $directive in
    files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    directories) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); return 0 ;;
  esac
  COMPREPLY=("\${values[@]}")
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
      *' '*) described+=("\${\${line%% *}//:/\\\\:}:\${line#* }") ;;
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
                string replace ' ' \\t -- $line
        end
    end
end
complete -c podscope -f -a '(__podscope_complete)'
`;

export const COMPLETION_SCRIPTS: Readonly<Record<Shell, string>> = { bash: BASH, zsh: ZSH, fish: FISH };
