-- Since the reactive data layer (issue 12), Filing's document columns were written by binding a Java String to
-- ?::jsonb, which the reactive PostgreSQL client sends as a JSON *string*: the column held "{\"reference\": ...}"
-- instead of {"reference": ...}. The service read its own text back unharmed, but SQL over the documents (jsonb
-- operators, reports, the after-sales check) saw a string. The entity now writes cast(? as text)::jsonb; this turns
-- the rows written the old way back into the documents they were meant to be. A string that is not JSON text stays
-- as it is (nothing is lost).
CREATE FUNCTION pg_temp.zmx_document(v jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    IF v IS NULL OR jsonb_typeof(v) <> 'string' THEN
        RETURN v;
    END IF;
    BEGIN
        RETURN (v #>> '{}')::jsonb;
    EXCEPTION WHEN others THEN
        RETURN v;
    END;
END $$;

UPDATE filings SET
    after_sales_confirmation = pg_temp.zmx_document(after_sales_confirmation),
    licence_application      = pg_temp.zmx_document(licence_application),
    conformity_certificate   = pg_temp.zmx_document(conformity_certificate),
    saso_certificate         = pg_temp.zmx_document(saso_certificate),
    assessment               = pg_temp.zmx_document(assessment),
    findings                 = pg_temp.zmx_document(findings),
    evaluation               = pg_temp.zmx_document(evaluation)
WHERE jsonb_typeof(after_sales_confirmation) = 'string' OR jsonb_typeof(licence_application) = 'string'
   OR jsonb_typeof(conformity_certificate) = 'string' OR jsonb_typeof(saso_certificate) = 'string'
   OR jsonb_typeof(assessment) = 'string' OR jsonb_typeof(findings) = 'string' OR jsonb_typeof(evaluation) = 'string';
