import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A throw-away token issuer for the benchmarks, with the JDK only: makes an RSA key, writes its JWKS and an OpenID
 * discovery document under {@code <dir>/issuer/realms/bench} (served as static files), and a signed RS256 access
 * token (admin, audience zmx-api, valid two hours) to {@code <dir>/token}.
 * Usage: java bench/gateway/Issuer.java <dir> <issuer-url>
 */
public class Issuer {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String issuer = args[1];
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        Path site = work.resolve("issuer/realms/bench");
        Files.createDirectories(site.resolve(".well-known"));
        Files.writeString(site.resolve("jwks"), "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}");
        Files.writeString(site.resolve(".well-known/openid-configuration"), "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\""
                + issuer + "/jwks\",\"token_endpoint\":\"" + issuer + "/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"bench\",\"azp\":\"bench\",\"realm_access\":{\"roles\":[\"admin\"]},"
                + "\"aud\":\"zmx-api\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}";
        String signing = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.getPrivate());
        rsa.update(signing.getBytes(StandardCharsets.US_ASCII));
        Files.writeString(work.resolve("token"), signing + "." + b64(rsa.sign()));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
