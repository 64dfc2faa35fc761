import type { JsonObject } from '../apiTypes.js';
import type { ContainerProgram } from './containerRuntime.js';
import { stringField, stringList } from './json.js';
import { silentForever, sleepProgram } from './programs/common.js';
import { labProgramFor, pause } from './programs/labPrograms.js';
import { frontend, redisSidecar } from './programs/shopPrograms.js';

/**
 * What each container's process does. Controllers and the scenario register programs per pod uid
 * (the pod object itself carries nothing simulator-specific); pods created by users through the API
 * get a program inferred from their command and image.
 */
export class Behaviours {
  private readonly byPod = new Map<string, Record<string, ContainerProgram>>();

  register(podUid: string, programs: Record<string, ContainerProgram>): void {
    this.byPod.set(podUid, { ...this.byPod.get(podUid), ...programs });
  }

  forget(podUid: string): void {
    this.byPod.delete(podUid);
  }

  programFor(podUid: string, container: JsonObject): ContainerProgram {
    const name = stringField(container, 'name') ?? '';
    return this.byPod.get(podUid)?.[name] ?? inferProgram(container);
  }
}

/** A plausible program for a container nobody registered, from what its spec says it runs. */
export function inferProgram(container: JsonObject): ContainerProgram {
  const commandAndArgs = [...stringList(container, 'command'), ...stringList(container, 'args')];
  const known = labProgramFor(commandAndArgs);
  if (known !== undefined) return known;
  const image = stringField(container, 'image') ?? '';
  const [first, second] = commandAndArgs;
  if (first === 'sleep' && second !== undefined && /^\d+$/.test(second) && commandAndArgs.length === 2) return sleepProgram(Number(second));
  if (/(^|\/)pause:/.test(image)) return pause;
  if (/(^|\/)nginx(:|@|$)/.test(image)) return frontend;
  if (/(^|\/)redis(:|@|$)/.test(image)) return redisSidecar;
  return silentForever;
}
