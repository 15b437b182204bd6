import { RouteContentType } from '../../../src/options/route-content-type';
import { validateWafRenderContext } from '../../../src/options/waf/validate-waf-render-context';
import { WafRenderContext } from '../../../src/options/waf/waf-render-context';

const routes: WafRenderContext['routes'] = [
  { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
  { path: '/v1/models', pathMatch: 'Prefix', methods: ['GET', 'head'] },
];

describe('validateWafRenderContext', () => {
  test('accepts routes, lower-case methods and wildcard hosts', () => {
    expect(() => validateWafRenderContext({ routes, hosts: ['llm.example.com', '*.example.com'] })).not.toThrow();
  });
  test('fails when there are no routes', () => {
    expect(() => validateWafRenderContext({ routes: [] })).toThrow(/context.routes is empty/);
  });
  test('fails when a route path is relative', () => {
    expect(() => validateWafRenderContext({ routes: [{ path: 'v1', pathMatch: 'Exact', methods: ['GET'] }] })).toThrow(/route path "v1" is invalid/);
  });
  test('fails when pathMatch is unknown', () => {
    expect(() => validateWafRenderContext({ routes: [{ path: '/v1', pathMatch: 'Regex', methods: ['GET'] }] })).toThrow(/pathMatch "Regex". Use "Exact" or "Prefix"/);
  });
  test('fails when a route has no methods', () => {
    expect(() => validateWafRenderContext({ routes: [{ path: '/v1', pathMatch: 'Exact', methods: [] }] })).toThrow(/has no methods/);
  });
  test('fails when a method is unknown', () => {
    expect(() => validateWafRenderContext({ routes: [{ path: '/v1', pathMatch: 'Exact', methods: ['FETCH'] }] })).toThrow(/has method "FETCH"/);
  });
  test('accepts routes that take multipart uploads', () => {
    expect(() => validateWafRenderContext({ routes: [...routes, { path: '/v1/audio/transcriptions', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] }] })).not.toThrow();
  });
  test('fails when a route takes no kind of body, or one twice', () => {
    expect(() => validateWafRenderContext({ routes: [{ path: '/v1', pathMatch: 'Exact', methods: ['POST'], contentTypes: [] }] }))
      .toThrow(/^Invalid context\.routes\[0\]\.contentTypes: \[\]\. List the kinds of body the route takes/);
    expect(() => validateWafRenderContext({ routes: [...routes, { path: '/v1', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA, RouteContentType.MULTIPART_FORM_DATA] }] }))
      .toThrow('Invalid context.routes[2].contentTypes[1]: RouteContentType.MULTIPART_FORM_DATA. It is listed twice; list each kind of body once.');
  });
  test('fails when a host is not a DNS name', () => {
    expect(() => validateWafRenderContext({ routes, hosts: ['LLM.Example.com'] })).toThrow(/host "LLM.Example.com" is not a lower-case DNS name/);
  });
});
