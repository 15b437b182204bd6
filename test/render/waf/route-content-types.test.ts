import { RouteContentType } from '../../../src/options/route-content-type';
import { WafRoute } from '../../../src/options/waf/waf-render-context';
import { anyRouteTakesMultipart, contentTypesOf, routeBodyFlag, routesDifferInBodies } from '../../../src/render/waf/route-content-types';

const CHAT: WafRoute = { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] };
const AUDIO: WafRoute = { path: '/v1/audio/transcriptions', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] };

describe('route content types', () => {
  test('a route takes JSON unless it says otherwise', () => {
    expect(contentTypesOf(CHAT)).toStrictEqual([RouteContentType.JSON]);
    expect(contentTypesOf(AUDIO)).toStrictEqual([RouteContentType.MULTIPART_FORM_DATA]);
  });

  test('routes differ in bodies when any route takes anything but JSON alone', () => {
    expect(routesDifferInBodies({ routes: [CHAT, { ...CHAT, path: '/v1/embeddings', contentTypes: [RouteContentType.JSON] }] })).toBe(false);
    expect(routesDifferInBodies({ routes: [CHAT, AUDIO] })).toBe(true);
    expect(routesDifferInBodies({ routes: [{ ...CHAT, contentTypes: [RouteContentType.JSON, RouteContentType.MULTIPART_FORM_DATA] }] })).toBe(true);
    expect(anyRouteTakesMultipart({ routes: [CHAT] })).toBe(false);
    expect(anyRouteTakesMultipart({ routes: [CHAT, AUDIO] })).toBe(true);
  });

  test('one transaction flag per kind', () => {
    expect(routeBodyFlag(RouteContentType.JSON)).toBe('llm_route_json');
    expect(routeBodyFlag(RouteContentType.MULTIPART_FORM_DATA)).toBe('llm_route_multipart');
  });
});
