import { REQUEST_DETECTORS, RESPONSE_LEAK_DETECTORS } from '../../../../src/render/waf/detectors/detector-catalogue';

describe('detector catalogue', () => {
  test('each request detector is filed under its own key (the key names its tx variables)', () => {
    for (const [key, cls] of Object.entries(REQUEST_DETECTORS)) {
      expect(cls.key).toBe(key);
    }
  });

  test('response inspection looks for secrets, not personal data or phrases', () => {
    expect(RESPONSE_LEAK_DETECTORS.map((c) => c.key)).toStrictEqual(['cloud_credentials', 'vcs_credentials', 'private_keys', 'chat_tokens', 'payment_tokens']);
  });
});
