//! Errors as the UI receives them: `{code, message}`. The code is stable and
//! translated by the UI; the message is for logs and details.

use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl From<khabarain_core::Error> for CommandError {
    fn from(e: khabarain_core::Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl CommandError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            code: "invalid_input",
            message: message.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_and_message() {
        let e: CommandError = khabarain_core::Error::NotFound("article 7".into()).into();
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "not found: article 7"})
        );
    }
}
