/** The feature modules registered on top of the core server, in one list. */
import type { FeatureModule } from './server';
import { workspaceFeature } from './workspaceHandlers';
import { diagnosticsFeature } from './diagnosticsHandlers';
import { registerAnnotations } from './annotationHandlers';

export const featureModules: FeatureModule[] = [workspaceFeature, diagnosticsFeature, registerAnnotations];
