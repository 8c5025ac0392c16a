/** The feature modules registered on top of the core server, in one list. */
import type { FeatureModule } from './server';

export const featureModules: FeatureModule[] = [];
