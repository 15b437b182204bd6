import { RouteContentType } from '../../src/options/route-content-type';

describe('RouteContentType', () => {
  test('JSON and multipart/form-data, one instance each', () => {
    expect(RouteContentType.JSON.value).toBe('json');
    expect(RouteContentType.MULTIPART_FORM_DATA.value).toBe('multipart/form-data');
    expect(RouteContentType.JSON).not.toBe(RouteContentType.MULTIPART_FORM_DATA);
  });
});
