-- Rule sets per jurisdiction: an origin (CN export rules), a destination (import rules) or a group
-- (EAEU) whose rules apply to every member destination.
create table rule_set (
    jurisdiction varchar(8)  primary key,
    name         text        not null,
    scope        varchar(16) not null check (scope in ('ORIGIN', 'DESTINATION', 'GROUP')),
    members      text        not null default '',   -- comma-separated ISO alpha-2 codes, groups only
    created_at   timestamptz not null default now()
);

-- Versions: DRAFT (editable) -> PUBLISHED (immutable) -> RETIRED. In force on a date d when
-- published or retired and effective_from <= d < effective_to (open-ended when null).
create table rule_set_version (
    id             bigserial   primary key,
    jurisdiction   varchar(8)  not null references rule_set (jurisdiction),
    version        integer     not null,
    status         varchar(16) not null check (status in ('DRAFT', 'PUBLISHED', 'RETIRED')),
    effective_from date        not null,
    effective_to   date,
    notes          text,
    origin         varchar(8)  not null default 'API' check (origin in ('API', 'SEED')),
    created_by     text        not null,
    created_at     timestamptz not null,
    published_by   text,
    published_at   timestamptz,
    retired_by     text,
    retired_at     timestamptz,
    updated_at     timestamptz,
    lock_version   integer     not null default 0,
    unique (jurisdiction, version),
    check (effective_to is null or effective_to >= effective_from)  -- equal: retired before it ever applied
);
create index rule_set_version_in_force on rule_set_version (jurisdiction, effective_from) where status <> 'DRAFT';

create table rule (
    id               bigserial   primary key,
    version_id       bigint      not null references rule_set_version (id) on delete cascade,
    position         integer     not null,
    code             varchar(64) not null,
    title            text        not null,
    severity         varchar(8)  not null check (severity in ('BLOCK', 'HOLD', 'WARN', 'INFO')),
    expression       text        not null,
    message          text        not null,
    legal_references jsonb       not null,
    effective_from   date,
    effective_to     date,
    unique (version_id, code)
);

-- Published and retired versions are immutable: the database refuses edits to their rules too,
-- so nothing but a new version can change what an old evaluation was judged by.
create function rule_version_is_draft() returns trigger language plpgsql as $$
declare st varchar(16);
begin
    select status into st from rule_set_version
     where id = coalesce(case when tg_op = 'DELETE' then old.version_id else new.version_id end, old.version_id);
    if st is distinct from 'DRAFT' then
        raise exception 'rules of a % version are immutable', st using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger rule_immutable before insert or update or delete on rule
    for each row execute function rule_version_is_draft();

create table evaluation (
    id              uuid         primary key,
    reference       text,
    origin          varchar(2)   not null,
    destination     varchar(2)   not null,
    as_of           date         not null,
    outcome         varchar(16)  not null,
    lane            varchar(8)   not null,
    input           jsonb        not null,
    result          jsonb        not null,
    evaluated_at    timestamptz  not null,
    evaluated_by    text         not null,
    idempotency_key varchar(200) unique
);
create index evaluation_as_of on evaluation (as_of);
