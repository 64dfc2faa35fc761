import type {
  CoreV1Event,
  V1Container,
  V1ContainerState,
  V1ContainerStateTerminated,
  V1ContainerStatus,
  V1EphemeralContainer,
  V1Namespace,
  V1Pod,
  V1PodCondition,
} from '@kubernetes/client-node';

/**
 * API objects reach the model in two shapes. client-node's typed calls (a single GET, a PATCH)
 * answer class instances whose timestamps are `Date`; the live stores keep the JSON the server
 * sent (no per-object deserialisation, see src/kube/objectShape.ts), whose timestamps are RFC 3339
 * strings. These types say so instead of pretending every timestamp is a Date.
 */
type IsAny<T> = 0 extends 1 & T ? true : false;

/** T as JSON carries it: every Date of client-node's typings is a string. */
export type Wire<T> =
  IsAny<T> extends true ? T : T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** T in either shape: every timestamp a Date or a string (read it with toMillis from time.ts). */
export type AnyTime<T> =
  IsAny<T> extends true
    ? T
    : T extends Date
      ? Date | string
      : T extends readonly (infer U)[]
        ? AnyTime<U>[]
        : T extends object
          ? { [K in keyof T]: AnyTime<T[K]> }
          : T;

/** What the model and the UI accept: a pod from a store (JSON) or from a typed call (Date). */
export type Pod = AnyTime<V1Pod>;
export type KubeEvent = AnyTime<CoreV1Event>;
export type Namespace = AnyTime<V1Namespace>;

/** What the live stores hold. */
export type WirePod = Wire<V1Pod>;
export type WireEvent = Wire<CoreV1Event>;
export type WireNamespace = Wire<V1Namespace>;

/** The parts of a pod the model reads on their own, in either shape. */
export type Container = AnyTime<V1Container>;
export type EphemeralContainer = AnyTime<V1EphemeralContainer>;
export type ContainerStatus = AnyTime<V1ContainerStatus>;
export type ContainerState = AnyTime<V1ContainerState>;
export type ContainerStateTerminated = AnyTime<V1ContainerStateTerminated>;
export type PodCondition = AnyTime<V1PodCondition>;
