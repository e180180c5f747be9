package io.zmx.local;

/**
 * Builds unified social credit codes (GB 32100-2015) for demo exporters: registration department,
 * organisation type, 6-digit division code, 9-character organisation code (its own GB 11714 check
 * character) and the final mod-31 check character.
 */
final class CreditCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CreditCodes() {}

    /** {@code prefix}: 8 characters (dept, type, division); {@code orgBody}: the first characters of the org code. */
    static String make(String prefix, String orgBody) {
        String org8 = (orgBody + "00000000").substring(0, 8);
        String head = (prefix + "00000000").substring(0, 8) + org8 + orgCheck(org8);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(head.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return head + ALPHABET.charAt(c == 31 ? 0 : c);
    }

    private static char orgCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char ch = body.charAt(i);
            int v = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }
}
