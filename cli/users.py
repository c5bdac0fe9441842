"""`crmgraph users …`: people who may call the API, and their tokens."""
from __future__ import annotations

import uuid

import click

from app.repo import users as users_repo
from cli.context import Context, pass_ctx


@click.group("users")
def users_group() -> None:
    """Create and list API users."""


@users_group.command("create")
@click.option("--email", required=True, help="The user's email address.")
@click.option("--name", default="", help="Display name.")
@click.option("--super-admin", is_flag=True, help="May change account settings (ACT-5).")
@click.option("--read-only", is_flag=True, help="Read-only seat: may read but not write (LOG-4).")
@pass_ctx
def create(ctx: Context, email: str, name: str, super_admin: bool, read_only: bool) -> None:
    """Create a user and print its bearer token (shown once; only its hash is stored)."""
    token = users_repo.new_token()
    seat = "read_only" if read_only else "full"
    user = ctx.db.write(users_repo.create, uuid.uuid4().hex[:12], email, name or email, seat, super_admin, token)
    click.echo(f"user {user['id']} ({user['email']}, seat={seat}, super_admin={super_admin})", err=True)
    click.echo(token)


@users_group.command("list")
@pass_ctx
def list_users(ctx: Context) -> None:
    """List users (never tokens)."""
    for u in ctx.db.read(users_repo.list_all):
        click.echo(f"{u['id']}\t{u['email']}\tseat={u['seat']}\tsuper_admin={u['superAdmin']}")


commands = [users_group]
