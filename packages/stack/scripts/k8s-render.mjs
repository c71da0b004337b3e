// Renders a kustomization of deploy/k8s and validates every object against
// the Kubernetes JSON schemas (kubernetes-models, from npm: no network).
//   node packages/stack/scripts/k8s-render.mjs deploy/k8s/overlays/production
// prints {"objects": [...], "errors": [...]} as JSON.
//
// kustomize is in neither Debian's archive nor npm here, so this renders the
// part of kustomize our manifests use, and refuses any other field: resources
// (files and directories), namespace, labels, images, replicas and
// strategic-merge patches (maps merge, lists of named items merge by name).
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'replicas', 'patches']);
/** Kinds that live outside namespaces. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

export function render(dir) {
  const kustomization = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED.has(field)) throw new Error(`${dir}/kustomization.yaml: field "${field}" is not rendered here`);
  }
  let objects = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.join(dir, resource);
    if (fs.statSync(target).isDirectory()) objects.push(...render(target));
    else objects.push(...loadFile(target));
  }
  for (const patch of kustomization.patches ?? []) {
    if (!patch.path || patch.target) throw new Error(`${dir}: only { path } patches are rendered here`);
    for (const change of loadFile(path.join(dir, patch.path))) {
      const index = objects.findIndex((o) => o.kind === change.kind && o.metadata.name === change.metadata.name);
      if (index < 0) throw new Error(`${dir}: patch ${patch.path} matches no ${change.kind} ${change.metadata.name}`);
      objects[index] = merge(objects[index], change);
    }
  }
  for (const { name, count } of kustomization.replicas ?? []) {
    const target = objects.find((o) => o.metadata.name === name && 'replicas' in (o.spec ?? {}));
    if (!target) throw new Error(`${dir}: replicas for ${name} match no workload`);
    target.spec.replicas = count;
  }
  for (const image of kustomization.images ?? []) {
    forEachContainer(objects, (container) => {
      const [name] = container.image.split(':');
      if (name === image.name) container.image = `${image.newName ?? name}:${image.newTag}`;
    });
  }
  for (const { pairs } of kustomization.labels ?? []) {
    for (const object of objects) object.metadata.labels = { ...object.metadata.labels, ...pairs };
  }
  if (kustomization.namespace) {
    for (const object of objects) {
      if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = kustomization.namespace;
    }
  }
  return objects;
}

function loadFile(file) {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
      return document.toJS();
    })
    .filter(Boolean);
}

function forEachContainer(objects, visit) {
  for (const object of objects) {
    const pod = object.kind === 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec?.template;
    for (const container of [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])]) visit(container);
  }
}

/** Strategic merge, as far as our patches need it. */
function merge(base, change) {
  if (Array.isArray(base) && Array.isArray(change)) {
    if (!change.every((item) => item && typeof item === 'object' && 'name' in item)) return change;
    const merged = base.map((item) => {
      const other = change.find((c) => c.name === item.name);
      return other ? merge(item, other) : item;
    });
    return [...merged, ...change.filter((c) => !base.some((item) => item.name === c.name))];
  }
  if (base && change && typeof base === 'object' && typeof change === 'object' && !Array.isArray(change)) {
    const merged = { ...base };
    for (const [key, value] of Object.entries(change)) merged[key] = key in base ? merge(base[key], value) : value;
    return merged;
  }
  return change;
}

/** Every schema violation of every object, as "Kind/name: message". */
export async function validate(objects) {
  const errors = [];
  for (const object of objects) {
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
    const id = `${object.kind}/${object.metadata?.name}`;
    let models;
    try {
      models = await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
    } catch {
      errors.push(`${id}: unknown apiVersion ${object.apiVersion}`);
      continue;
    }
    const Model = models[object.kind];
    if (!Model) {
      errors.push(`${id}: unknown kind in ${object.apiVersion}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${id}: ${error.message}`);
    }
  }
  return errors;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const objects = render(path.resolve(process.argv[2]));
  const errors = await validate(objects);
  process.stdout.write(JSON.stringify({ objects, errors }));
}
