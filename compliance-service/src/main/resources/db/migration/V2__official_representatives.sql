-- Official manufacturer representatives per destination country and make (EAEU: new cars only through
-- them). Maintained by admin, or by a destination agency for its own country. Evaluations decide
-- filing.consigneeOfficialRepresentative from this list: on registration number when both the entry and
-- the filing have one, else on the normalized name (upper case, single spaces, NFKC).
create table official_representative (
    id                  bigserial    primary key,
    country             varchar(2)   not null,
    make                text         not null,
    make_key            text         not null,           -- normalized make
    name                text         not null,
    name_key            text         not null,           -- normalized name
    registration_number varchar(50),
    registration_key    varchar(50),                     -- normalized registration number
    valid_from          date         not null,
    valid_to            date,                            -- last valid day (inclusive), open-ended when null
    source              text         not null,
    created_by          text         not null,
    created_at          timestamptz  not null,
    idempotency_key     varchar(200) unique,
    check (valid_to is null or valid_to >= valid_from)
);
create index official_representative_lookup on official_representative (country, make_key);
