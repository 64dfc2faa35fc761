import type { Route } from '../router.js';
import { accessReviewRoutes } from './accessReviewRoutes.js';
import { discoveryRoutes } from './discoveryRoutes.js';
import { ephemeralRoutes } from './ephemeralRoutes.js';
import { eventRoutes } from './eventRoutes.js';
import { namespaceRoutes } from './namespaceRoutes.js';
import { podRoutes } from './podRoutes.js';

/** Every endpoint the demo API server serves out of the box. */
export function builtInRoutes(): Route[] {
  return [...discoveryRoutes(), ...namespaceRoutes(), ...podRoutes(), ...ephemeralRoutes(), ...eventRoutes(), ...accessReviewRoutes()];
}
