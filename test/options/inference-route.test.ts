import { PathMatch, routeContentTypes, routeModel } from '../../src/options/inference-route';
import { RouteContentType } from '../../src/options/route-content-type';

describe('routeModel', () => {
  test('defaults: Exact, POST, JSON bodies', () => {
    expect(routeModel('r', { path: '/v1/chat/completions' })).toStrictEqual({
      path: '/v1/chat/completions', pathType: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.JSON],
    });
  });

  test('a route may take multipart uploads, and JSON too', () => {
    expect(routeModel('r', { path: '/upload', match: PathMatch.PREFIX, contentTypes: [RouteContentType.MULTIPART_FORM_DATA] }).contentTypes)
      .toStrictEqual([RouteContentType.MULTIPART_FORM_DATA]);
    expect(routeModel('r', { path: '/upload', contentTypes: [RouteContentType.JSON, RouteContentType.MULTIPART_FORM_DATA] }).contentTypes)
      .toStrictEqual([RouteContentType.JSON, RouteContentType.MULTIPART_FORM_DATA]);
  });

  test('keeps its own copy of the list', () => {
    const contentTypes = [RouteContentType.JSON];
    const route = routeModel('r', { path: '/p', contentTypes });
    contentTypes.push(RouteContentType.MULTIPART_FORM_DATA);
    expect(route.contentTypes).toStrictEqual([RouteContentType.JSON]);
  });
});

describe('routeContentTypes', () => {
  test('fails when the list is empty', () => {
    expect(() => routeContentTypes('modelServer routes[0].contentTypes', [])).toThrow(
      'Invalid modelServer routes[0].contentTypes: []. List the kinds of body the route takes, e.g. [RouteContentType.JSON] or [RouteContentType.MULTIPART_FORM_DATA].');
  });

  test('fails on a string instead of a RouteContentType', () => {
    expect(() => routeContentTypes('f', ['multipart/form-data' as any])).toThrow(/^Invalid f\[0\]: "multipart\/form-data"\. List the kinds of body the route takes/);
  });

  test('fails when a kind is listed twice', () => {
    expect(() => routeContentTypes('f', [RouteContentType.JSON, RouteContentType.JSON]))
      .toThrow('Invalid f[1]: RouteContentType.JSON. It is listed twice; list each kind of body once.');
  });
});
