import { PathMatch, RouteModel, routeModel } from '../../options/inference-route';
import { ModelServer } from '../../options/model-server';
import { dnsSubdomain, singleLine, unique } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { WeakenedControl } from '../weakening';

/** The endpoint's host names: fully qualified, no wildcards, no duplicates. @internal */
export function hostsModel(hostsIn: string[]): string[] {
  if (!Array.isArray(hostsIn) || hostsIn.length === 0) {
    throw new ValidationError('hosts', hostsIn, 'List at least one host name, e.g. ["llm.example.com"].');
  }
  return unique('hosts', hostsIn.map((h, i) => {
    if (typeof h === 'string' && h.startsWith('*.')) {
      throw new ValidationError(`hosts[${i}]`, h, 'Wildcard hosts expose every name under the domain; list each host explicitly.');
    }
    if (typeof h === 'string' && (/^[0-9]+(\.[0-9]+){3}$/.test(h) || (h.includes(':') && /^\[?[0-9a-fA-F:.]+\]?$/.test(h)))) {
      throw new ValidationError(`hosts[${i}]`, h,
        'An Ingress host must be a DNS name, not an IP address (the API server rejects it, and certificates are issued for names): give the name that resolves to the controller, e.g. "llm.example.com".');
    }
    const host = dnsSubdomain(`hosts[${i}]`, h);
    if (!host.includes('.')) throw new ValidationError(`hosts[${i}]`, h, 'Use a fully-qualified host name such as "llm.example.com".');
    return host;
  }));
}

/** The model server's inference routes, validated; paths are unique. @internal */
export function routesModel(modelServer: ModelServer, weakenings: WeakenedControl[]): RouteModel[] {
  if (!modelServer) throw new ValidationError('modelServer', modelServer, 'Choose ModelServer.vllm(), tgi(), triton([...]), openAiCompatible() or custom([...]).');
  const routes = modelServer.routes.map((r, i) => {
    const field = `modelServer routes[${i}]`;
    const route = routeModel(field, r);
    const everyPath = route.path === '/' && route.pathType === PathMatch.PREFIX.value;
    const reason = r.everyPathInsecureReason;
    if (reason !== undefined && !everyPath) {
      throw new ValidationError(`${field}.everyPathInsecureReason`, reason, `This route matches ${route.path} (${route.pathType}), not every path; remove the opt-out.`);
    }
    if (everyPath) {
      if (reason === undefined || typeof reason !== 'string' || reason.trim().length < 10) {
        throw new ValidationError(`${field}.path`, route.path,
          '"/" as a Prefix matches every path and exposes every API of the model server, management and internal ones included: list the inference paths, or set everyPathInsecureReason to a reason of at least 10 characters (reported).');
      }
      weakenings.push({ option: `${field}: / (Prefix), everyPathInsecureReason`, effect: `Every path of the model server is exposed, management and internal APIs included. Reason given: ${singleLine(`${field}.everyPathInsecureReason`, reason)}` });
    }
    return route;
  });
  unique('modelServer routes (path)', routes.map((r) => `${r.path}`));
  return routes;
}
