/**
 * Go's sort.Sort (pattern-defeating quicksort, as in Go 1.19+), for the places where kubectl's output
 * order depends on it: sort.Sort is not stable, so equal elements (events with the same last
 * timestamp) come out in the order this exact algorithm leaves them, which a stable sort would not
 * reproduce once there are more than 12 of them.
 */
type Less<T> = (a: T, b: T) => boolean;

const enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

class Sorter<T> {
  constructor(
    private readonly data: T[],
    private readonly lessThan: Less<T>,
  ) {}

  less(i: number, j: number): boolean {
    return this.lessThan(this.data[i] as T, this.data[j] as T);
  }

  swap(i: number, j: number): void {
    const item = this.data[i] as T;
    this.data[i] = this.data[j] as T;
    this.data[j] = item;
  }

  insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && this.less(j, j - 1); j--) this.swap(j, j - 1);
  }

  siftDown(lo: number, hi: number, first: number): void {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && this.less(first + child, first + child + 1)) child++;
      if (!this.less(first + root, first + child)) return;
      this.swap(first + root, first + child);
      root = child;
    }
  }

  heapSort(a: number, b: number): void {
    const hi = b - a;
    for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) this.siftDown(i, hi, a);
    for (let i = hi - 1; i >= 0; i--) {
      this.swap(a, a + i);
      this.siftDown(0, i, a);
    }
  }

  pdqsort(a: number, b: number, limit: number): void {
    let wasBalanced = true;
    let wasPartitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= 12) {
        this.insertionSort(a, b);
        return;
      }
      if (limit === 0) {
        this.heapSort(a, b);
        return;
      }
      if (!wasBalanced) {
        this.breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = this.choosePivot(a, b);
      if (hint === Hint.Decreasing) {
        this.reverseRange(a, b);
        pivot = b - 1 - (pivot - a);
        hint = Hint.Increasing;
      }
      if (wasBalanced && wasPartitioned && hint === Hint.Increasing && this.partialInsertionSort(a, b)) return;
      if (a > 0 && !this.less(a - 1, pivot)) {
        a = this.partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, alreadyPartitioned] = this.partition(a, b, pivot);
      wasPartitioned = alreadyPartitioned;
      const left = mid - a;
      const right = b - mid;
      const threshold = Math.trunc(length / 8);
      if (left < right) {
        wasBalanced = left >= threshold;
        this.pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        wasBalanced = right >= threshold;
        this.pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  partition(a: number, b: number, pivot: number): [number, boolean] {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    while (i <= j && this.less(i, a)) i++;
    while (i <= j && !this.less(j, a)) j--;
    if (i > j) {
      this.swap(j, a);
      return [j, true];
    }
    this.swap(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && this.less(i, a)) i++;
      while (i <= j && !this.less(j, a)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    this.swap(j, a);
    return [j, false];
  }

  partitionEqual(a: number, b: number, pivot: number): number {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    for (;;) {
      while (i <= j && !this.less(a, i)) i++;
      while (i <= j && this.less(a, j)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    return i;
  }

  partialInsertionSort(a: number, b: number): boolean {
    let i = a + 1;
    for (let step = 0; step < 5; step++) {
      while (i < b && !this.less(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < 50) return false;
      this.swap(i, i - 1);
      if (i - a >= 2) {
        for (let j = i - 1; j >= 1; j--) {
          if (!this.less(j, j - 1)) break;
          this.swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (let j = i + 1; j < b; j++) {
          if (!this.less(j, j - 1)) break;
          this.swap(j, j - 1);
        }
      }
    }
    return false;
  }

  breakPatterns(a: number, b: number): void {
    const length = b - a;
    if (length < 8) return;
    const mask = (1n << 64n) - 1n;
    let random = BigInt(length);
    const next = (): bigint => {
      random ^= (random << 13n) & mask;
      random ^= random >> 7n;
      random ^= (random << 17n) & mask;
      return random;
    };
    const modulus = BigInt(2 ** bitLength(length));
    const start = a + Math.trunc(length / 4) * 2 - 1;
    for (let index = start; index <= start + 2; index++) {
      let other = Number(next() & (modulus - 1n));
      if (other >= length) other -= length;
      this.swap(index, a + other);
    }
  }

  choosePivot(a: number, b: number): [number, Hint] {
    const length = b - a;
    const swaps = { count: 0 };
    let i = a + Math.trunc(length / 4);
    let j = a + Math.trunc(length / 4) * 2;
    let k = a + Math.trunc(length / 4) * 3;
    if (length >= 8) {
      if (length >= 50) {
        i = this.median(i - 1, i, i + 1, swaps);
        j = this.median(j - 1, j, j + 1, swaps);
        k = this.median(k - 1, k, k + 1, swaps);
      }
      j = this.median(i, j, k, swaps);
    }
    if (swaps.count === 0) return [j, Hint.Increasing];
    if (swaps.count === 12) return [j, Hint.Decreasing];
    return [j, Hint.Unknown];
  }

  median(a: number, b: number, c: number, swaps: { count: number }): number {
    const order = (x: number, y: number): [number, number] => {
      if (this.less(y, x)) {
        swaps.count++;
        return [y, x];
      }
      return [x, y];
    };
    [a, b] = order(a, b);
    [b, c] = order(b, c);
    [a, b] = order(a, b);
    void c;
    return b;
  }

  reverseRange(a: number, b: number): void {
    for (let i = a, j = b - 1; i < j; i++, j--) this.swap(i, j);
  }
}

function bitLength(value: number): number {
  return value === 0 ? 0 : Math.floor(Math.log2(value)) + 1;
}

/** A copy of `items` in the order Go's sort.Sort(less) leaves them. */
export function goSort<T>(items: readonly T[], less: Less<T>): T[] {
  const data = [...items];
  if (data.length > 1) new Sorter(data, less).pdqsort(0, data.length, bitLength(data.length));
  return data;
}
