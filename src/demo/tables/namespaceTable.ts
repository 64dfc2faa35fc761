import { stringAt } from '../jsonAccess.js';
import { age } from '../../model/duration.js';
import { ageColumn, column, nameColumn, type TablePrinter } from './columns.js';

export const namespaceTable: TablePrinter = {
  columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
  row(namespace, now) {
    return {
      cells: [stringAt(namespace, 'metadata', 'name') ?? '', stringAt(namespace, 'status', 'phase') ?? '', age(stringAt(namespace, 'metadata', 'creationTimestamp'), now)],
    };
  },
};
