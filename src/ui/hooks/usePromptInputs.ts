import { useCallback } from 'react';
import { parseCommandLine } from '../commandLine.js';
import { useUiActions } from '../contexts/UiStateContext.js';
import type { UiState } from '../state.js';
import { useLineInput } from './useLineInput.js';

/**
 * The keyboard of the two prompts on the status line: `/` edits the pod filter in place (Esc
 * clears it), `:` collects a command line and runs it on Enter.
 */
export function usePromptInputs(state: Pick<UiState, 'filter' | 'overlay'>, onQuit: () => void): void {
  const actions = useUiActions();
  const { dispatch } = actions;
  const { overlay } = state;
  const close = useCallback(() => dispatch({ type: 'overlay.close' }), [dispatch]);
  useLineInput(
    state.filter,
    {
      onChange: (text) => dispatch({ type: 'filter.set', text }),
      onSubmit: close,
      onCancel: () => {
        dispatch({ type: 'filter.set', text: '' });
        close();
      },
    },
    overlay.kind === 'filter',
  );
  const commandText = overlay.kind === 'command' ? overlay.text : '';
  useLineInput(
    commandText,
    {
      onChange: (text) => dispatch({ type: 'overlay.open', overlay: { kind: 'command', text } }),
      onCancel: close,
      onSubmit: (text) => {
        const action = parseCommandLine(text);
        close();
        switch (action.kind) {
          case 'namespace':
            actions.setScope({ namespace: action.namespace });
            break;
          case 'allNamespaces':
            actions.setScope({ allNamespaces: true });
            break;
          case 'pickNamespace':
            dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: '', cursor: 0 } });
            break;
          case 'help':
            dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop: 0 } });
            break;
          case 'quit':
            onQuit();
            break;
          case 'error':
            actions.showMessage({ text: action.message, level: 'error' });
            break;
          case 'none':
            break;
        }
      },
    },
    overlay.kind === 'command',
  );
}
